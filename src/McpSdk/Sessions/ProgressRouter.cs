using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>
/// Delivers <c>notifications/progress</c> to the caller that asked for them, in the order the server sent them.
/// </summary>
/// <remarks>
/// The official SDK hands every incoming message to the thread pool separately, so a progress notification sent
/// before a result can reach its handler after the call has completed. The router instead sees messages as the
/// transport yields them (see <see cref="ObservingTransport"/>), which keeps progress strictly before the result: the
/// read loop only queues each report to its call's listener, lock-free, and the listener runs the user's handler off
/// the read loop; a call that ends with a result first waits for its listener to deliver what was queued.
/// </remarks>
internal sealed partial class ProgressRouter(ILogger logger)
{
    private static readonly JsonTypeInfo<ProgressNotificationParams> s_progressParams =
        (JsonTypeInfo<ProgressNotificationParams>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ProgressNotificationParams));

    private readonly ConcurrentDictionary<long, Listener> _listeners = new();
    private long _nextToken;

    // ConcurrentDictionary.IsEmpty takes every lock; a count makes the usual case (nobody listening) one read.
    private int _listening;

    /// <summary>Registers a listener and returns the progress token to put in the request's <c>_meta</c>.</summary>
    public long Register(IProgress<McpProgress> listener)
    {
        long token = Interlocked.Increment(ref _nextToken);
        _listeners[token] = new Listener(listener, logger);
        Interlocked.Increment(ref _listening);
        return token;
    }

    /// <summary>
    /// Stops reports for <paramref name="token"/>. With <paramref name="drain"/> (the call has its result), the returned
    /// task completes once every report queued before now has been delivered; without it (the call failed or was
    /// cancelled), queued reports are dropped and the call does not wait for a handler that may still be running: at
    /// most the report being delivered at that moment finishes afterwards.
    /// </summary>
    public ValueTask UnregisterAsync(long token, bool drain)
    {
        if (!_listeners.TryRemove(token, out Listener? listener))
        {
            return ValueTask.CompletedTask;
        }

        Interlocked.Decrement(ref _listening);
        return listener.CloseAsync(drain);
    }

    /// <summary>Called for every incoming message, on the transport's read path: must be cheap, never block and never throw.</summary>
    public void Observe(JsonRpcMessage message)
    {
        if (Volatile.Read(ref _listening) == 0
            || message is not JsonRpcNotification { Method: NotificationMethods.ProgressNotification, Params: { } parameters })
        {
            return;
        }

        try
        {
            Deliver(parameters.Deserialize(s_progressParams));
        }
        catch (JsonException)
        {
            // A malformed notification must not break the session that carries other calls.
        }
    }

    /// <summary>The params of a <c>notifications/progress</c> as the lean engine reads them, on its reader thread.</summary>
    public void Observe(ReadOnlySpan<byte> parameters)
    {
        if (Volatile.Read(ref _listening) == 0 || parameters.IsEmpty)
        {
            return;
        }

        try
        {
            Deliver(JsonSerializer.Deserialize(parameters, s_progressParams));
        }
        catch (JsonException)
        {
            // A malformed notification must not break the session that carries other calls.
        }
    }

    private void Deliver(ProgressNotificationParams? progress)
    {
        if (progress?.ProgressToken.Token is long token && _listeners.TryGetValue(token, out Listener? listener))
        {
            ProgressNotificationValue value = progress.Progress;
            listener.Enqueue(new McpProgress(value.Progress, value.Total, value.Message));
        }
    }

    /// <summary>
    /// One call's progress sink: a lock-free queue the read loop appends to, drained by one thread-pool work item at a
    /// time (queued when the first pending report arrives, not once per report), so reports reach the handler one at a
    /// time and in order. The call's end goes through the same queue as an end marker, which orders it after every report
    /// queued before it; reports queued after the end are dropped.
    /// </summary>
    private sealed class Listener(IProgress<McpProgress> sink, ILogger logger) : IThreadPoolWorkItem
    {
        private readonly ConcurrentQueue<Entry> _queue = new();

        // Entries queued and not yet taken by the drain; the drain runs while it is above zero, so 0 → 1 starts one.
        private int _pending;

        // Set by the end marker (or a drop): from then on reports are discarded. Written only by the drain's owner.
        private volatile bool _ended;

        public void Enqueue(McpProgress value)
        {
            if (!_ended)
            {
                Append(new Entry(value, End: null));
            }
        }

        public ValueTask CloseAsync(bool drain)
        {
            if (!drain)
            {
                _ended = true;
                return ValueTask.CompletedTask;
            }

            // Nothing queued and no drain running: end here, without a work item.
            if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
            {
                _ended = true;
                ReleaseOwnership();
                return ValueTask.CompletedTask;
            }

            var end = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Append(new Entry(default, end));
            return new ValueTask(end.Task);
        }

        private void Append(Entry entry)
        {
            _queue.Enqueue(entry);
            if (Interlocked.Increment(ref _pending) == 1)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        // Gives back the drain role taken without an entry; reports that slipped in meanwhile are drained (and dropped).
        private void ReleaseOwnership()
        {
            if (Interlocked.Decrement(ref _pending) != 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        public void Execute()
        {
            do
            {
                // The count is raised after the entry is queued, so an entry the count promises is already there.
                _queue.TryDequeue(out Entry entry);
                if (entry.End is { } end)
                {
                    _ended = true;
                    end.TrySetResult();
                }
                else if (!_ended)
                {
                    Deliver(entry.Value);
                }
            }
            while (Interlocked.Decrement(ref _pending) != 0);
        }

        private void Deliver(McpProgress value)
        {
            try
            {
                sink.Report(value);
            }
            catch (Exception error)
            {
                // User code: a handler that throws must not break the call or the session that carries other calls.
                Log.ProgressHandlerFailed(logger, value.Progress, error);
            }
        }

        private readonly record struct Entry(McpProgress Value, TaskCompletionSource? End);
    }

    private static partial class Log
    {
        [LoggerMessage(22, LogLevel.Warning, "A progress handler threw while it was given progress {Progress}; the call goes on and later reports are still delivered.")]
        public static partial void ProgressHandlerFailed(ILogger logger, double progress, Exception exception);
    }
}
