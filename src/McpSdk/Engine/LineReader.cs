using System;
using System.Buffers;
using System.IO;

namespace McpSdk.Engine;

/// <summary>
/// Splits a stream into newline-delimited messages on the calling thread with blocking reads, and hands each to an
/// <see cref="ILinkReader"/> while the writer defers its flushes, flushing once per chunk read. Its buffer grows only up
/// to the message size limit.
/// </summary>
internal sealed class LineReader(Stream stream, LineWriter writer, int maxMessageSize)
{
    /// <summary>Reads until the stream ends or fails; returns why it stopped.</summary>
    /// <returns>Null at a clean end of stream; otherwise the failure (too large a message, a read error).</returns>
    public Exception? Run(ILinkReader reader)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        int start = 0, end = 0, scanned = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length)
                {
                    if (start > 0)
                    {
                        // Move the partial message to the front.
                        buffer.AsSpan(start, end - start).CopyTo(buffer);
                        end -= start;
                        scanned -= start;
                        start = 0;
                    }
                    else
                    {
                        if (buffer.Length > maxMessageSize)
                        {
                            return new McpMessageTooLargeException(maxMessageSize);
                        }

                        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxMessageSize + 2));
                        buffer.AsSpan(0, end).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }

                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    return null;
                }

                end += read;
                writer.BeginDeferring();
                try
                {
                    while (true)
                    {
                        int newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
                        if (newline < 0)
                        {
                            scanned = end;
                            break;
                        }

                        int lineEnd = scanned + newline;
                        int length = lineEnd - start;
                        if (length > 0 && buffer[lineEnd - 1] == (byte)'\r')
                        {
                            length--;
                        }

                        if (length > maxMessageSize)
                        {
                            return new McpMessageTooLargeException(maxMessageSize);
                        }

                        if (length > 0)
                        {
                            reader.OnMessage(buffer.AsSpan(start, length));
                        }

                        start = scanned = lineEnd + 1;
                    }
                }
                finally
                {
                    writer.EndDeferring();
                }

                if (end - start > maxMessageSize)
                {
                    return new McpMessageTooLargeException(maxMessageSize);
                }

                if (start == end)
                {
                    start = end = scanned = 0;
                }
            }
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            return error;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
