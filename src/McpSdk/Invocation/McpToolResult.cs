using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>
/// A tool's typed value together with the raw result it came from, for methods that need both: declare
/// <c>Task&lt;McpToolResult&lt;T&gt;&gt;</c>. A result with <c>isError: true</c> still raises <see cref="McpToolException"/>.
/// </summary>
/// <typeparam name="T">The value's type: <see cref="string"/> for text content, otherwise read as JSON.</typeparam>
public sealed class McpToolResult<T>
{
    /// <summary>Creates the result.</summary>
    public McpToolResult(T value, CallToolResult result)
    {
        Value = value;
        Result = result;
    }

    /// <summary>The value read from the result, as for a method declared to return <typeparamref name="T"/>.</summary>
    public T Value { get; }

    /// <summary>The raw result: every content block, <c>structuredContent</c> and <c>_meta</c>.</summary>
    public CallToolResult Result { get; }

    /// <summary>The result's <c>_meta</c>, if the server sent one.</summary>
    public JsonObject? Meta => Result.Meta;
}
