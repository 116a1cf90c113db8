using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>The lean engine's one <c>tools/list</c> for its connection: task support and <c>Mcp-Param-*</c> bindings.</summary>
internal sealed partial class LeanSession : IServerToolsSession
{
    // The stateless form over HTTP only: the initialize form and stdio have no per-argument headers.
    public bool BindsParamHeaders => _link is HttpLink && StatelessForm;

    public void UseParamHeaders(ParamHeaderTable table) => _link.UseParamHeaders(table);

    public async Task<ServerTools> ListServerToolsAsync(CancellationToken cancellationToken)
    {
        var support = new Dictionary<string, ToolTaskSupport>(StringComparer.Ordinal);
        List<KeyValuePair<string, System.Text.Json.JsonElement>>? schemas = BindsParamHeaders ? [] : null;
        string? cursor = null;
        do
        {
            WireToolExecutionPage page = await RequestAsync(
                RequestMethods.ToolsList, cursor is null ? null : new WireCursorParams { Cursor = cursor }, TaskJsonContext.Default.WireCursorParams,
                TaskJsonContext.Default.WireToolExecutionPage, cancellationToken).ConfigureAwait(false);
            foreach (WireToolExecution tool in page.Tools)
            {
                support[tool.Name] = tool.Execution?.TaskSupport switch
                {
                    "required" => ToolTaskSupport.Required,
                    "optional" => ToolTaskSupport.Optional,
                    _ => ToolTaskSupport.Forbidden,
                };
                schemas?.Add(new(tool.Name, tool.InputSchema));
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        ParamHeaderTable headers = schemas is null
            ? ParamHeaderTable.Empty
            : ParamHeaderTable.From(schemas, (tool, reason) => Log.ParamHeadersRejected(_logger, _link.ToString() ?? "the server", tool, reason));
        return new ServerTools(support.ToFrozenDictionary(StringComparer.Ordinal), headers);
    }

    private static partial class Log
    {
        [LoggerMessage(94, LogLevel.Warning, "{Endpoint} lists tool '{Tool}' with an x-mcp-header annotation that breaks SEP-2243 ({Reason}); its calls go out without Mcp-Param-* headers, and a strict server refuses them until the tool's inputSchema is fixed.")]
        public static partial void ParamHeadersRejected(ILogger logger, string endpoint, string tool, string reason);
    }
}
