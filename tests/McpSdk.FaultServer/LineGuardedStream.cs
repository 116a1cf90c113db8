using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.FaultServer;

/// <summary>
/// The server's stdout as the SDK transport sees it. Everything the transport writes is held back until a whole line
/// (one JSON-RPC message and its '\n') is complete, and only then written to the real stdout, under the same lock that
/// <see cref="Inject"/> takes, so bytes injected by a fault never land inside an SDK message, however the transport
/// chunks its writes. Replies that declare capabilities and tools pass <see cref="FaultTasks.Advertise"/> on the way.
/// It also notices when the response to a request id has been written, so a fault can act after it.
/// </summary>
internal sealed class LineGuardedStream(Stream inner) : WriteOnlyStream
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _responseWritten = new();

    /// <summary>Writes raw bytes between two whole SDK messages and flushes them.</summary>
    public void Inject(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            inner.Write(bytes);
            inner.Flush();
        }
    }

    /// <summary>Completes once the response (result or error) with this JSON-RPC id has been written to stdout.</summary>
    public Task WhenResponseWritten(string id) =>
        _responseWritten.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            while (!buffer.IsEmpty)
            {
                int newline = buffer.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    _pending.Write(buffer);
                    break;
                }

                _pending.Write(buffer[..(newline + 1)]);
                buffer = buffer[(newline + 1)..];
                byte[] line = FaultTasks.Advertise(_pending.ToArray());
                _pending.SetLength(0);
                inner.Write(line);
                Noticed(line);
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        lock (_gate)
        {
            inner.Flush();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    private void Noticed(byte[] line)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _))
                && root.TryGetProperty("id", out JsonElement id))
            {
                string key = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
                _responseWritten.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (JsonException)
        {
            // Not ours to judge: the line goes out as it is.
        }
    }
}
