using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Agents;

/// <summary>A typed result as the JSON the model reads; generated code calls it after the proxy's method returns.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpAIFunctionResults
{
    /// <summary>A value of a JSON type, written with the proxy's metadata.</summary>
    public static object? Json<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToElement(value, typeInfo);

    /// <summary>A raw result, as MCP writes it (error results included: the model reads their text).</summary>
    public static object? Raw(CallToolResult result) =>
        JsonSerializer.SerializeToElement(result, (JsonTypeInfo<CallToolResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult)));
}
