using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Cli.Servers;

/// <summary>
/// A server's <c>tools/list</c>, every page, read from the raw JSON: the SDK's <c>ListToolsAsync</c> would drop each
/// tool's <c>execution</c>, and with it whether the tool must run as a task.
/// </summary>
/// <param name="Tools">The tools, in the server's order.</param>
/// <param name="TaskSupport">Each tool's <c>execution.taskSupport</c>, by tool name.</param>
internal sealed record ToolList(IReadOnlyList<Tool> Tools, IReadOnlyDictionary<string, ToolTaskSupport> TaskSupport)
{
    public static async Task<ToolList> ReadAsync(McpClient client, CancellationToken cancellationToken)
    {
        var tools = new List<Tool>();
        var taskSupport = new Dictionary<string, ToolTaskSupport>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var request = new JsonRpcRequest
            {
                Method = RequestMethods.ToolsList,
                Params = cursor is null ? null : new JsonObject { ["cursor"] = cursor },
            };
            JsonRpcResponse response = await client.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
            JsonNode page = response.Result ?? throw new McpException("The server answered tools/list without a result.");
            foreach (JsonNode? node in page["tools"]?.AsArray() ?? [])
            {
                if (node?.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool))) is not Tool tool)
                {
                    continue;
                }

                tools.Add(tool);
                taskSupport[tool.Name] = TaskSupportOf(node);
            }

            cursor = page["nextCursor"] is JsonValue next && next.TryGetValue(out string? text) ? text : null;
        }
        while (cursor is not null);

        return new ToolList(tools, taskSupport);
    }

    private static ToolTaskSupport TaskSupportOf(JsonNode tool) =>
        tool["execution"]?["taskSupport"] is JsonValue value && value.TryGetValue(out string? text)
            ? text switch
            {
                "required" => ToolTaskSupport.Required,
                "optional" => ToolTaskSupport.Optional,
                _ => ToolTaskSupport.Forbidden,
            }
            : ToolTaskSupport.Forbidden;
}
