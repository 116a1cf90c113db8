using System;
using System.Buffers;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// The per-request <c>_meta</c> members of the stateless 2026-07-28 form — protocol version, client info and client
/// capabilities under the <see cref="MetaKeys"/> names, as the official SDK sends them — serialised once per session, so a
/// request copies them (<see cref="FrameBuilder.WriteMeta"/>) instead of serialising them again.
/// </summary>
internal static class StatelessMeta
{
    /// <summary>The members, without the object's braces.</summary>
    public static byte[] Members(string protocolVersion, Implementation clientInfo, ClientCapabilities capabilities)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(MetaKeys.ProtocolVersion, protocolVersion);
            writer.WritePropertyName(MetaKeys.ClientInfo);
            JsonSerializer.Serialize(writer, clientInfo, McpTypes.Implementation);
            writer.WritePropertyName(MetaKeys.ClientCapabilities);
            JsonSerializer.Serialize(writer, capabilities, McpTypes.ClientCapabilities);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan[1..^1].ToArray();
    }
}
