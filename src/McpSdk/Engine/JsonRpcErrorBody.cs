using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Engine;

/// <summary>
/// The JSON-RPC error an HTTP error status carries: servers answer a request they turn away before handling it (an
/// unknown session id, a version they do not speak) with one.
/// </summary>
internal readonly record struct JsonRpcErrorBody(int Code, string Message)
{
    // An error object is small; a body beyond this is not one worth reading.
    private const int Limit = 4096;

    /// <summary>Reads at most 4 KB of <paramref name="content"/>; null when that is not a JSON-RPC error.</summary>
    public static async Task<JsonRpcErrorBody?> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Limit);
        try
        {
            Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int filled = 0, read;
            while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return Parse(buffer.AsSpan(0, filled));
        }
        catch (IOException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonRpcErrorBody? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out JsonElement code) && code.TryGetInt32(out int number))
            {
                return new JsonRpcErrorBody(
                    number, error.TryGetProperty("message", out JsonElement message) && message.ValueKind == JsonValueKind.String ? message.GetString()! : "(no message)");
            }
        }
        catch (JsonException)
        {
            // Not JSON after all (or cut at the limit).
        }

        return null;
    }
}
