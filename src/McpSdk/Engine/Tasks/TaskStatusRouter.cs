using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;

namespace McpSdk.Engine.Tasks;

/// <summary>
/// Routes a session's <c>notifications/tasks/status</c> to the call following that task. A server may announce a status
/// before the client has read the reply that created the task, so the last few statuses nobody watched yet are kept
/// and handed to the watcher that comes for them. One small lock: task notifications are rare next to calls, and the
/// watchers under it only record and wake.
/// </summary>
internal sealed class TaskStatusRouter
{
    private const int UnclaimedLimit = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Action<WireTask>> _watchers = new(StringComparer.Ordinal);
    private readonly Queue<WireTask> _unclaimed = new();

    /// <summary>A status notification's params, on the reader thread; unreadable ones are skipped.</summary>
    public void Observe(ReadOnlySpan<byte> parameters)
    {
        WireTask? status;
        try
        {
            status = parameters.IsEmpty ? null : JsonSerializer.Deserialize(parameters, TaskJsonContext.Default.WireTask);
        }
        catch (JsonException)
        {
            status = null;
        }

        if (status is null || status.TaskId.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_watchers.TryGetValue(status.TaskId, out Action<WireTask>? watcher))
            {
                watcher(status);
                return;
            }

            if (_unclaimed.Count == UnclaimedLimit)
            {
                _unclaimed.Dequeue();
            }

            _unclaimed.Enqueue(status);
        }
    }

    public IDisposable Watch(string taskId, Action<WireTask> onStatus)
    {
        lock (_gate)
        {
            _watchers[taskId] = onStatus;
            int count = _unclaimed.Count;
            for (int i = 0; i < count; i++)
            {
                WireTask status = _unclaimed.Dequeue();
                if (status.TaskId == taskId)
                {
                    onStatus(status);
                }
                else
                {
                    _unclaimed.Enqueue(status);
                }
            }
        }

        return new Registration(this, taskId, onStatus);
    }

    private void Unwatch(string taskId, Action<WireTask> onStatus)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(taskId, out Action<WireTask>? current) && current == onStatus)
            {
                _watchers.Remove(taskId);
            }
        }
    }

    private sealed class Registration(TaskStatusRouter router, string taskId, Action<WireTask> onStatus) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                router.Unwatch(taskId, onStatus);
            }
        }
    }
}
