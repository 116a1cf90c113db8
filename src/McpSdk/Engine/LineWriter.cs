using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Engine;

/// <summary>
/// Newline-delimited messages onto a stream, batched: senders queue a copy of their message without a lock, and one
/// flusher at a time writes everything queued in one write. On the link's reader thread, sending only queues, and the
/// reader flushes once after each chunk it read, so the requests that replies' continuations send go out together.
/// </summary>
internal sealed class LineWriter : IAsyncDisposable
{
    // The writer whose flush the current thread defers (the reader thread while it dispatches a chunk).
    [ThreadStatic]
    private static LineWriter? t_deferring;

    private readonly Stream _stream;
    private readonly Action<Exception> _failed;
    private readonly ConcurrentQueue<(byte[] Buffer, int Length)> _queue = new();
    private byte[] _batch = new byte[16 * 1024];
    private int _flushing;
    private bool _deferredPending;
    private volatile bool _closed;

    /// <param name="stream">Where the messages go (a child's standard input).</param>
    /// <param name="failed">Told once when a write fails: the link is then as good as ended.</param>
    public LineWriter(Stream stream, Action<Exception> failed)
    {
        _stream = stream;
        _failed = failed;
    }

    /// <summary>Queues <paramref name="message"/> (one JSON text, no newline) and flushes unless the reader will.</summary>
    /// <exception cref="IOException">The link is closed.</exception>
    public void Send(ReadOnlySpan<byte> message)
    {
        if (_closed)
        {
            throw new IOException("The session's connection to the server is closed.");
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(message.Length + 1);
        message.CopyTo(copy);
        copy[message.Length] = (byte)'\n';
        _queue.Enqueue((copy, message.Length + 1));
        if (ReferenceEquals(t_deferring, this))
        {
            _deferredPending = true;
            return;
        }

        Flush();
    }

    /// <summary>On the reader thread: from now until <see cref="EndDeferring"/>, sends only queue.</summary>
    public void BeginDeferring() => t_deferring = this;

    /// <summary>On the reader thread: flushes what was queued while deferring.</summary>
    public void EndDeferring()
    {
        t_deferring = null;
        if (_deferredPending)
        {
            _deferredPending = false;
            Flush();
        }
    }

    private void Flush()
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            _ = FlushLoopAsync();
        }
    }

    // Pooled: a flush runs per batch, which under load is about once per read chunk.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FlushLoopAsync()
    {
        try
        {
            while (true)
            {
                int length = Gather();
                if (length == 0)
                {
                    Volatile.Write(ref _flushing, 0);

                    // A message queued after Gather saw nothing and before the flag dropped has no flusher: take it on.
                    if (_queue.IsEmpty || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                await _stream.WriteAsync(_batch.AsMemory(0, length)).ConfigureAwait(false);
                await _stream.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            _closed = true;
            Drain();
            Volatile.Write(ref _flushing, 0);
            _failed(error);
        }
    }

    /// <summary>Moves every queued message into the batch buffer; returns its length.</summary>
    private int Gather()
    {
        int length = 0;
        while (_queue.TryDequeue(out (byte[] Buffer, int Length) item))
        {
            if (length + item.Length > _batch.Length)
            {
                Array.Resize(ref _batch, Math.Max(_batch.Length * 2, length + item.Length));
            }

            item.Buffer.AsSpan(0, item.Length).CopyTo(_batch.AsSpan(length));
            length += item.Length;
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }

        return length;
    }

    private void Drain()
    {
        while (_queue.TryDequeue(out (byte[] Buffer, int Length) item))
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }
    }

    /// <summary>Stops sending and closes the stream (for a child process: its end of file on standard input).</summary>
    public async ValueTask DisposeAsync()
    {
        _closed = true;
        Drain();
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The other side is already gone.
        }
    }
}
