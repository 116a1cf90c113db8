using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Engine;

/// <summary>
/// One outgoing JSON-RPC message as a POST body: a copy in a pooled buffer (the sender's span is valid only during
/// <see cref="IMessageLink.Send"/>), given back when the request is disposed.
/// </summary>
internal sealed class MessageContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    public MessageContent(ReadOnlySpan<byte> message)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(message.Length);
        message.CopyTo(_buffer);
        _length = message.Length;

        // As a string, unparsed: the handler writes it as is.
        Headers.TryAddWithoutValidation("Content-Type", "application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Body(), cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Body().Span);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    private ReadOnlyMemory<byte> Body() =>
        _buffer is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(MessageContent));

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}
