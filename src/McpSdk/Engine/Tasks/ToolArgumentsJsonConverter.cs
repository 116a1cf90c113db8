using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpSdk.Invocation;

namespace McpSdk.Engine.Tasks;

/// <summary>
/// Writes a call's sealed argument JSON into a request as is, as the plain <c>tools/call</c> frame does: a task-augmented
/// call must not copy and parse its arguments only to serialise them again. Write-only: arguments are never read back.
/// </summary>
internal sealed class ToolArgumentsJsonConverter : JsonConverter<ToolArguments>
{
    public override ToolArguments Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Tool arguments are only written into requests, never read back.");

    public override void Write(Utf8JsonWriter writer, ToolArguments value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
