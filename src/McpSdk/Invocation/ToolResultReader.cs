using System.ComponentModel;
using ModelContextProtocol.Protocol;

namespace McpSdk.Invocation;

/// <summary>
/// Turns a <see cref="CallToolResult"/> into the value an interface method declares. One instance per
/// method and result type, created when the proxy is created.
/// </summary>
/// <typeparam name="TResult">The declared result type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ToolResultReader<TResult>
{
    /// <summary>Reads the result, or throws <see cref="McpToolException"/> / <see cref="McpResultMismatchException"/>.</summary>
    public abstract TResult Read(CallToolResult result, ToolMethod method);
}
