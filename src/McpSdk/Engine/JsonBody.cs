using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace McpSdk.Engine;

/// <summary>
/// An <c>application/json</c> response body: one message, or a batch (an array of them), read into a pooled buffer that
/// never grows past the message size limit, then delivered in order on the thread that read it.
/// </summary>
internal static partial class JsonBody
{
    /// <exception cref="McpMessageTooLargeException">The body is larger than <paramref name="maxMessageSize"/>.</exception>
    /// <exception cref="IOException">The body broke off.</exception>
    public static async Task ReadAsync(
        HttpContent content, ILinkReader reader, int maxMessageSize, ILogger logger, string endpoint, CancellationToken cancellationToken)
    {
        long? length = content.Headers.ContentLength;
        if (length > maxMessageSize)
        {
            throw new McpMessageTooLargeException(maxMessageSize);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(length is > 0 and var known ? (int)known : 4096);
        try
        {
            Stream body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int filled = 0;
            while (true)
            {
                if (filled == buffer.Length)
                {
                    if (filled > maxMessageSize)
                    {
                        throw new McpMessageTooLargeException(maxMessageSize);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, maxMessageSize + 1L));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled > maxMessageSize)
            {
                throw new McpMessageTooLargeException(maxMessageSize);
            }

            Deliver(buffer.AsSpan(0, filled), reader, logger, endpoint);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Deliver(ReadOnlySpan<byte> json, ILinkReader reader, ILogger logger, string endpoint)
    {
        json = json.Trim(" \t\r\n"u8);
        if (json.IsEmpty)
        {
            return;
        }

        if (json[0] != (byte)'[')
        {
            reader.OnMessage(json);
            return;
        }

        // A batch: each element is one message.
        var elements = new Utf8JsonReader(json);
        try
        {
            elements.Read();
            while (elements.Read() && elements.TokenType != JsonTokenType.EndArray)
            {
                int start = (int)elements.TokenStartIndex;
                elements.Skip();
                reader.OnMessage(json[start..(int)elements.BytesConsumed]);
            }
        }
        catch (JsonException error)
        {
            Log.MalformedBatch(logger, endpoint, json.Length, error.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(88, LogLevel.Warning, "{Endpoint} sent a JSON batch of {Length} bytes that is not valid JSON ({Error}); the rest of it was skipped.")]
        public static partial void MalformedBatch(ILogger logger, string endpoint, int length, string error);
    }
}
