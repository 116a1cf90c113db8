using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Engine;

/// <summary>
/// A read-only view of an event stream (<c>text/event-stream</c>) that fails a read once one event, counted from the
/// blank line that ended the previous one, grows beyond a limit: the SSE parser buffers a whole event before it hands
/// it over, and would otherwise buffer whatever a server sends.
/// </summary>
/// <remarks>
/// Events end with a blank line after <c>\n</c> or <c>\r\n</c> line ends (what servers send); a stream that ends its
/// lines with a lone <c>\r</c> is counted as one long event.
/// </remarks>
internal sealed class BoundedEventStream(Stream inner, int limit) : Stream
{
    private long _eventLength;
    private int _lineLength;
    private bool _lineIsCr;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = inner.Read(buffer, offset, count);
        Count(buffer.AsSpan(offset, read));
        return read;
    }

    private void Count(ReadOnlySpan<byte> chunk)
    {
        int newline;
        while ((newline = chunk.IndexOf((byte)'\n')) >= 0)
        {
            int length = _lineLength + newline;
            bool blank = length == 0 || (length == 1 && (newline == 1 ? chunk[0] == (byte)'\r' : _lineIsCr));
            _eventLength = blank ? 0 : _eventLength + length + 1;
            Check();
            chunk = chunk[(newline + 1)..];
            _lineLength = 0;
            _lineIsCr = false;
        }

        if (chunk.Length > 0)
        {
            _lineIsCr = _lineLength == 0 && chunk.Length == 1 && chunk[0] == (byte)'\r';
            _lineLength += chunk.Length;
            if (_eventLength + _lineLength > limit)
            {
                throw new McpMessageTooLargeException(MessageLimit);
            }
        }
    }

    private void Check()
    {
        if (_eventLength > limit)
        {
            throw new McpMessageTooLargeException(MessageLimit);
        }
    }

    /// <summary>The message size limit this event limit was made from (see <see cref="ForMessages"/>).</summary>
    private int MessageLimit => limit - Overhead;

    // Room for an event's own fields (event:, id:, retry: and the data: prefix) around a message of the limit's size.
    private const int Overhead = 1024;

    /// <summary>A view of <paramref name="stream"/> whose events carry messages of at most <paramref name="maxMessageSize"/> bytes.</summary>
    public static BoundedEventStream ForMessages(Stream stream, int maxMessageSize) =>
        new(stream, maxMessageSize > int.MaxValue - Overhead ? int.MaxValue : maxMessageSize + Overhead);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
