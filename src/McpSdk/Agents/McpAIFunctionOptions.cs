using System;
using System.Collections.Generic;

namespace McpSdk;

/// <summary>
/// How MCP tools behave as Microsoft.Extensions.AI functions (the generated <c>AsAIFunctions()</c> and
/// <see cref="McpConnection.GetAIFunctionsAsync(McpAIFunctionOptions, System.Threading.CancellationToken)"/>).
/// </summary>
/// <example>
/// <code>
/// IList&lt;AITool&gt; tools = [.. everything.AsAIFunctions(new McpAIFunctionOptions { Names = { ["get-sum"] = "add" } })];
/// </code>
/// </example>
public sealed class McpAIFunctionOptions
{
    /// <summary>
    /// Function names the model sees, by tool name (the <c>[McpTool]</c> wire name); a tool not listed keeps its own
    /// name. Model APIs accept letters, digits, <c>_</c> and <c>-</c>, up to 64 characters.
    /// </summary>
    public IDictionary<string, string> Names { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// <see langword="false"/> (the default): a failure the model can act on — the tool's error result, a result that
    /// does not fit the declared type, a call refused by <c>[QueueLimit]</c> or <c>[RateLimit]</c>, a timeout, a lost
    /// session, malformed arguments — becomes the function's result text, so the chat turn goes on and the model can
    /// retry or answer differently. <see langword="true"/>: it is thrown, and <c>FunctionInvokingChatClient</c> handles
    /// it as any function exception. Cancellation is always thrown.
    /// </summary>
    public bool ThrowOnError { get; set; }

    internal string NameOf(string toolName) => Names.TryGetValue(toolName, out string? name) ? name : toolName;
}
