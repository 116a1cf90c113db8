using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>
/// Delivers <c>notifications/progress</c> to the caller that asked for them, in the order the server sent them.
/// </summary>
/// <remarks>
/// The official SDK hands every incoming message to the thread pool separately, so a progress notification sent
/// before a result can reach its handler after the call has completed. The router instead sees messages as the
/// transport yields them (see <see cref="ObservingTransport"/>), which keeps progress strictly before the result.
/// </remarks>
internal sealed class ProgressRouter
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
        _listeners[token] = new Listener(listener);
        Interlocked.Increment(ref _listening);
        return token;
    }

    /// <summary>Stops reports for <paramref name="token"/>; when it returns, no report is running and none will start.</summary>
    public void Unregister(long token)
    {
        if (_listeners.TryRemove(token, out Listener? listener))
        {
            Interlocked.Decrement(ref _listening);
            listener.Close();
        }
    }

    /// <summary>Called for every incoming message, on the transport's read path: must be cheap and never throw.</summary>
    public void Observe(JsonRpcMessage message)
    {
        if (Volatile.Read(ref _listening) == 0
            || message is not JsonRpcNotification { Method: NotificationMethods.ProgressNotification, Params: { } parameters })
        {
            return;
        }

        try
        {
            ProgressNotificationParams? progress = parameters.Deserialize(s_progressParams);
            if (progress?.ProgressToken.Token is long token && _listeners.TryGetValue(token, out Listener? listener))
            {
                ProgressNotificationValue value = progress.Progress;
                listener.Report(new McpProgress(value.Progress, value.Total, value.Message));
            }
        }
        catch (Exception)
        {
            // A malformed notification, or a listener that throws, must not break the session that carries other calls.
        }
    }

    /// <summary>
    /// One call's progress sink. A report and the call's end are ordered by a lock of the call's own, so that a report
    /// found in the table just before the call ended can never reach the caller after the call has returned.
    /// </summary>
    private sealed class Listener(IProgress<McpProgress> sink)
    {
        private readonly Lock _gate = new();
        private bool _closed;

        public void Report(McpProgress value)
        {
            lock (_gate)
            {
                if (!_closed)
                {
                    sink.Report(value);
                }
            }
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
            }
        }
    }
}
