using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Core;
using McpSdk.Invocation;
using McpSdk.Scheduling;
using McpSdk.Serialization;
using McpSdk.Sessions;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;

namespace McpSdk.Agents;

/// <summary>
/// A server's tools as functions, for servers nobody wrote an interface for: listed once, each bound to the
/// connection's invoker like a generated method, so connection-wide limits and
/// <see cref="McpConnectionOptions.ToolPolicies"/> govern the model's calls.
/// </summary>
internal static class ServerToolFunctions
{
    /// <summary>The scheduler line the listing waits in (for a session, under the connection-wide limits).</summary>
    internal const string ListingLine = "tools/list";

    public static async Task<IReadOnlyList<AIFunction>> CreateAsync(
        ConnectionCore core, ToolInvoker invoker, McpAIFunctionOptions? options, CancellationToken cancellationToken)
    {
        IReadOnlyList<Tool> tools = await ListAsync(core, cancellationToken).ConfigureAwait(false);
        var functions = new AIFunction[tools.Count];
        for (int i = 0; i < tools.Count; i++)
        {
            Tool tool = tools[i];
            BoundTool bound = invoker.Bind(new ToolMethod(tool.Name, "server tool " + tool.Name, policy: null, ArgumentsOf(tool.InputSchema)));
            functions[i] = McpAIFunction.Create(
                tool.Name, tool.Description, tool.InputSchema.Clone(), options, (arguments, token) => CallAsync(invoker, bound, arguments, token));
        }

        return functions;
    }

    private static async Task<IReadOnlyList<Tool>> ListAsync(ConnectionCore core, CancellationToken cancellationToken)
    {
        ToolGate line = core.GetGate(ListingLine, CallPolicy.Default);
        using CallLease lease = await core.AdmitAsync(line, McpPriority.Normal, RateLimitMode.Wait, cancellationToken).ConfigureAwait(false);
        return await lease.Session.ListToolsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The server's declared arguments, so that tool validation and <c>mcpsdk check</c> see them as any JSON.</summary>
    private static ToolArgument[] ArgumentsOf(JsonElement inputSchema)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object
            || !inputSchema.TryGetProperty("properties", out JsonElement properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var arguments = new List<ToolArgument>();
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            arguments.Add(new ToolArgument(property.Name, typeof(JsonElement)));
        }

        return arguments.ToArray();
    }

    private static async ValueTask<object?> CallAsync(ToolInvoker invoker, BoundTool tool, McpAIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        CallToolResult result = await invoker.InvokeAsync(tool, Serialise(tool, arguments), ToolResultReaders.None, progress: null, cancellationToken)
            .ConfigureAwait(false);
        return ToModel(result);
    }

    // Written synchronously, before the invoker's first await: ToolArguments uses this thread's writer.
    private static ToolArguments Serialise(BoundTool tool, McpAIFunctionArguments arguments)
    {
        var serialised = new ToolArguments();
        try
        {
            foreach (KeyValuePair<string, object?> argument in arguments.Raw)
            {
                JsonElement? element = McpAIFunctionArguments.ToElement(argument.Value);
                if (element is null && argument.Value is not null)
                {
                    throw new McpAIFunctionArgumentException(
                        tool.Method.ToolName,
                        argument.Key,
                        $"Argument '{argument.Key}' of tool '{tool.Method.ToolName}' is a {argument.Value.GetType().Name}, which is not JSON; send it as the tool's input schema describes.");
                }

                serialised.Add(argument.Key, element, McpSdkJsonContext.Default.NullableJsonElement);
            }

            return serialised;
        }
        catch
        {
            serialised.Dispose();
            throw;
        }
    }

    /// <summary>What the model reads: the structured content, else the text, else the whole result.</summary>
    private static object? ToModel(CallToolResult result)
    {
        if (result.StructuredContent is { ValueKind: not JsonValueKind.Undefined } structured)
        {
            return structured;
        }

        StringBuilder? text = null;
        foreach (ContentBlock block in result.Content)
        {
            if (block is TextContentBlock { Text: var part })
            {
                (text ??= new StringBuilder()).Append(text.Length == 0 ? string.Empty : "\n").Append(part);
            }
        }

        return text?.ToString() ?? McpAIFunctionResults.Raw(result);
    }
}
