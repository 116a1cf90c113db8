using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.FaultServer;

/// <summary>
/// A response body that hands each whole line (a JSON reply, or an SSE <c>data:</c> line) to a rewrite before it goes
/// out; the rest of a line waits for its end, or for the response's end.
/// </summary>
internal sealed class LineRewritingStream(Stream inner, Func<byte[], byte[]> rewrite) : WriteOnlyStream
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private readonly MemoryStream _pending = new();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            int newline = buffer.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(buffer.Span);
                return;
            }

            _pending.Write(buffer.Span[..(newline + 1)]);
            buffer = buffer[(newline + 1)..];
            await WriteLineAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken) => await inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override async ValueTask DisposeAsync()
    {
        if (_pending.Length > 0)
        {
            await WriteLineAsync(CancellationToken.None);
            await inner.FlushAsync();
        }

        await base.DisposeAsync();
    }

    private async Task WriteLineAsync(CancellationToken cancellationToken)
    {
        byte[] line = _pending.ToArray();
        _pending.SetLength(0);
        bool sse = line.AsSpan().StartsWith(DataPrefix);
        byte[] rewritten = sse ? [.. DataPrefix, .. rewrite(line[DataPrefix.Length..])] : rewrite(line);
        await inner.WriteAsync(rewritten, cancellationToken);
    }
}
