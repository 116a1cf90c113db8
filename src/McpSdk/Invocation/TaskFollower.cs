using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Invocation;

/// <summary>
/// Follows one MCP task to its end and fetches its result: polls <c>tasks/get</c> at the server's interval (bounded by
/// <see cref="MinPollInterval"/> and <see cref="MaxPollInterval"/>) on the connection's <see cref="TimeProvider"/>, wakes
/// at once on <c>notifications/tasks/status</c>, reports each new status message to the call's progress in order, and
/// calls <c>tasks/result</c> when the task ends — or when it waits for input, since servers deliver their requests (an
/// elicitation) on that reply's stream.
/// </summary>
internal sealed class TaskFollower
{
    /// <summary>The poll interval when the server names none.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The shortest wait between polls, whatever the server asks: a server asking for 0 must not be spun on.</summary>
    public static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between polls, whatever the server asks: a lost notification costs at most this.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a <c>tasks/cancel</c> sent for an abandoned task may take before the caller is let go.</summary>
    internal static readonly TimeSpan CancelBound = TimeSpan.FromSeconds(5);

    private readonly string _toolName;
    private readonly IProgress<McpProgress>? _progress;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<WireTask> _notified = new();
    private TaskCompletionSource? _wake;
    private DateTimeOffset _newest = DateTimeOffset.MinValue;
    private string? _lastMessage;
    private int _reported;

    public TaskFollower(string toolName, string taskId, IProgress<McpProgress>? progress, TimeProvider time)
    {
        _toolName = toolName;
        TaskId = taskId;
        _progress = progress;
        _time = time;
    }

    public string TaskId { get; }

    /// <summary>
    /// Follows the task to its end and returns its result. A <c>failed</c> task raises <see cref="McpToolException"/>
    /// (through the result's <c>isError</c>, or here); a <c>cancelled</c> one <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fired, <see cref="McpTaskException"/> otherwise; an id the server does
    /// not know, <see cref="McpTaskException"/>.
    /// </summary>
    /// <param name="carrier">The session to follow it on.</param>
    /// <param name="created">The task as created, or <see langword="null"/> to ask first.</param>
    /// <param name="cancelOnAbandon">Send <c>tasks/cancel</c> when <paramref name="cancellationToken"/> ends the wait.</param>
    /// <param name="cancellationToken">The caller's token (with the call's deadline).</param>
    public async Task<CallToolResult> FollowAsync(TaskCarrier carrier, WireTask? created, bool cancelOnAbandon, CancellationToken cancellationToken)
    {
        ITaskSession watched = carrier.Tasks;
        IDisposable watch = watched.WatchTask(TaskId, OnNotified);
        try
        {
            WireTask current = created ?? await RequestAsync(carrier, static (s, id, ct) => s.GetTaskAsync(id, ct), cancellationToken).ConfigureAwait(false);
            current = Observe(current, current);
            while (true)
            {
                if (!ReferenceEquals(watched, carrier.Tasks))
                {
                    // Following moved to another session: its notifications are the ones to hear now.
                    watch.Dispose();
                    watched = carrier.Tasks;
                    watch = watched.WatchTask(TaskId, OnNotified);
                }

                current = DrainNotified(current);
                McpTaskState state = StateOf(current);
                if (state is McpTaskState.Completed or McpTaskState.Failed or McpTaskState.Cancelled)
                {
                    return await EndAsync(carrier, current, state, cancellationToken).ConfigureAwait(false);
                }

                if (state == McpTaskState.InputRequired)
                {
                    // The server's request (an elicitation) comes with this reply, which holds until the task ends; the
                    // connection's handler answers it as any server request.
                    CallToolResult result = await RequestAsync(carrier, static (s, id, ct) => s.GetTaskResultAsync(id, ct), cancellationToken).ConfigureAwait(false);
                    DrainNotified(current);
                    return result;
                }

                if (await WaitAsync(PollInterval(current), cancellationToken).ConfigureAwait(false))
                {
                    continue; // a notification said where it stands: no poll needed
                }

                current = Observe(current, await RequestAsync(carrier, static (s, id, ct) => s.GetTaskAsync(id, ct), cancellationToken).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && cancelOnAbandon)
        {
            await CancelOnServerAsync(carrier).ConfigureAwait(false);
            throw;
        }
        finally
        {
            watch.Dispose();
        }
    }

    /// <summary>The request on the carrier's session, following the task to another session when that one is lost.</summary>
    public async ValueTask<T> RequestAsync<T>(
        TaskCarrier carrier, Func<ITaskSession, string, CancellationToken, ValueTask<T>> request, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await request(carrier.Tasks, TaskId, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (McpProtocolException error)
            {
                // The server refused the id (JSON-RPC error): expired, never known, or known to another session only.
                throw new McpTaskException(
                    _toolName, TaskId, state: null,
                    $"The server does not know task '{TaskId}' of tool '{_toolName}' ({error.Message}): it expired (raise [RunAsTask(TimeToLiveSeconds = …)]), " +
                    "or it belongs to a session or server that is gone. Call the tool again to start a new task.",
                    error);
            }
            catch (Exception error) when (ToolInvoker.IsSessionLoss(error))
            {
                await carrier.ResumeElsewhereAsync(error, TaskId, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<CallToolResult> EndAsync(TaskCarrier carrier, WireTask current, McpTaskState state, CancellationToken cancellationToken)
    {
        switch (state)
        {
            case McpTaskState.Completed:
                return await RequestAsync(carrier, static (s, id, ct) => s.GetTaskResultAsync(id, ct), cancellationToken).ConfigureAwait(false);

            case McpTaskState.Failed:
                CallToolResult? failure = null;
                try
                {
                    failure = await carrier.Tasks.GetTaskResultAsync(TaskId, cancellationToken).ConfigureAwait(false);
                }
                catch (McpProtocolException error)
                {
                    // The tool's own JSON-RPC error, as the call would have answered it without a task.
                    throw new McpToolException(_toolName, error.Message, ErrorResult(error.Message));
                }

                if (failure.IsError == true)
                {
                    return failure; // the result reader raises McpToolException with the tool's own error content
                }

                string text = current.StatusMessage ?? "the task failed without saying why";
                throw new McpToolException(_toolName, text, ErrorResult(text));

            default:
                cancellationToken.ThrowIfCancellationRequested();
                throw new McpTaskException(
                    _toolName, TaskId, McpTaskState.Cancelled,
                    $"Task '{TaskId}' of tool '{_toolName}' was cancelled by the server or another client{(current.StatusMessage is { } why ? $" ({why})" : "")}; " +
                    "call the tool again to start a new one.");
        }
    }

    private static CallToolResult ErrorResult(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    /// <summary>Best effort, bounded: the caller is already leaving; a server that does not answer must not hold it.</summary>
    private async Task CancelOnServerAsync(TaskCarrier carrier)
    {
        using var bound = new CancellationTokenSource(CancelBound, _time);
        try
        {
            await RequestAsync(carrier, static (s, id, ct) => s.CancelTaskAsync(id, ct), bound.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (IsBestEffortMiss(error))
        {
            // Already ended, unknown, or unreachable: the server's TTL ends it in any case.
        }
    }

    /// <summary>How a best-effort <c>tasks/cancel</c> may fail without it mattering: the server's TTL ends the task anyway.</summary>
    internal static bool IsBestEffortMiss(Exception error) =>
        error is OperationCanceledException or McpException or System.IO.IOException or ObjectDisposedException
            or System.Net.Http.HttpRequestException or System.Text.Json.JsonException;

    /// <summary>Records a notification on the reader thread: no user code, no waiting.</summary>
    private void OnNotified(WireTask status)
    {
        _notified.Enqueue(status);
        Volatile.Read(ref _wake)?.TrySetResult();
    }

    /// <summary>Waits the poll interval; true when a notification came first.</summary>
    private async Task<bool> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _wake, wake);
        if (!_notified.IsEmpty)
        {
            return true;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task poll = Task.Delay(interval, _time, stop.Token);
        Task first = await Task.WhenAny(wake.Task, poll).ConfigureAwait(false);
        stop.Cancel();
        Volatile.Write(ref _wake, null);
        cancellationToken.ThrowIfCancellationRequested();
        return first == wake.Task;
    }

    private WireTask DrainNotified(WireTask current)
    {
        while (_notified.TryDequeue(out WireTask? status))
        {
            current = Observe(current, status);
        }

        return current;
    }

    /// <summary>The newer of two statuses (a late poll reply must not undo a notification), its new message reported.</summary>
    private WireTask Observe(WireTask current, WireTask status)
    {
        if (!string.Equals(status.TaskId, TaskId, StringComparison.Ordinal) && status.TaskId.Length > 0)
        {
            return current;
        }

        if (DateTimeOffset.TryParse(status.LastUpdatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset updated))
        {
            if (updated < _newest)
            {
                return current;
            }

            _newest = updated;
        }

        if (status.StatusMessage is { } message && !string.Equals(message, _lastMessage, StringComparison.Ordinal))
        {
            _lastMessage = message;
            _progress?.Report(new McpProgress(++_reported, null, message));
        }

        return status;
    }

    private TimeSpan PollInterval(WireTask status)
    {
        TimeSpan asked = status.PollInterval is long ms ? TimeSpan.FromMilliseconds(ms) : DefaultPollInterval;
        return asked < MinPollInterval ? MinPollInterval : asked > MaxPollInterval ? MaxPollInterval : asked;
    }

    /// <summary>The protocol's status word as a state; an unknown word counts as working (poll on).</summary>
    public static McpTaskState StateOf(WireTask status) => status.Status switch
    {
        "input_required" => McpTaskState.InputRequired,
        "completed" => McpTaskState.Completed,
        "failed" => McpTaskState.Failed,
        "cancelled" => McpTaskState.Cancelled,
        _ => McpTaskState.Working,
    };

    /// <summary>The public view of a wire status.</summary>
    public static McpTaskStatus ToStatus(WireTask status) => new(
        status.TaskId, StateOf(status), status.StatusMessage,
        status.PollInterval is long poll ? TimeSpan.FromMilliseconds(poll) : null,
        status.Ttl is long ttl ? TimeSpan.FromMilliseconds(ttl) : null);
}
