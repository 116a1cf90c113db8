using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Core;
using McpSdk.Diagnostics;
using McpSdk.Engine.Tasks;
using Microsoft.Extensions.Logging;
using McpSdk.Sessions;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Invocation;

/// <summary>
/// The one entry point generated proxies call. It applies the method's <see cref="CallPolicy"/> (deadline,
/// retry, admission by the scheduler), runs the call on a session, reads the result, counts the outcome, and turns
/// every ending into a value or a typed exception.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolInvoker
{
    private readonly ConnectionCore _core;
    private readonly McpConnectionOptions _options;
    private readonly TimeProvider _time;

    // Never given arguments or results: they may carry secrets. Tool names, outcomes and timings only.
    private readonly ILogger _logger;

    internal ToolInvoker(ConnectionCore core, McpConnectionOptions options, ILogger logger)
    {
        _core = core;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
    }

    /// <summary>Binds a method to this connection. Generated proxies call it once per method, when created.</summary>
    public BoundTool Bind(ToolMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        _core.Validator?.Declare(method);
        return BindCore(method);
    }

    /// <summary>The method with the configured override of its tool's policy applied, on its tool's gate.</summary>
    private BoundTool BindCore(ToolMethod method)
    {
        if (_options.ToolPolicies.TryGetValue(method.ToolName, out McpToolPolicy? policyOverride))
        {
            method = new ToolMethod(method.ToolName, method.MemberName, policyOverride.ApplyTo(method.Policy, method.ToolName), method.Arguments);
        }

        return new BoundTool(method, _core.GetGate(method.ToolName, method.Policy), _time, _logger);
    }

    /// <summary>
    /// Starts the tool as an MCP task and returns its handle once the server has created it (for methods declared
    /// <c>Task&lt;McpTask&lt;T&gt;&gt;</c>). The call's policy admits the creation; the handle's result is read with
    /// <paramref name="reader"/>.
    /// </summary>
    /// <typeparam name="TResult">The type the handle's result is read into.</typeparam>
    /// <param name="tool">The calling method, bound by <see cref="Bind"/>.</param>
    /// <param name="arguments">The serialised arguments; the invoker disposes them.</param>
    /// <param name="reader">Reads the declared type from the task's result.</param>
    /// <param name="progress">Receives the task's status messages while the handle is awaited, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the creation request.</param>
    public async Task<McpTask<TResult>> StartTaskAsync<TResult>(
        BoundTool tool,
        ToolArguments arguments,
        ToolResultReader<TResult> reader,
        IProgress<McpProgress>? progress,
        CancellationToken cancellationToken)
    {
        long started = Submit(tool, arguments, reader);
        ToolStatistics statistics = tool.Gate.Statistics;
        CallPolicy policy = tool.Method.Policy;

        // The handle is the call's value: the creation is what is counted, and what [Timeout] bounds.
        using CancellationTokenSource? deadline = policy.Timeout is { } timeout ? new CancellationTokenSource(timeout, _time) : null;
        using CancellationTokenSource? linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        CancellationToken token = linked?.Token ?? cancellationToken;

        // The creation is the call, so it has the call's span, which names the task it started.
        Activity? activity = McpSdkTelemetry.Source.HasListeners() ? StartActivity(tool) : null;
        try
        {
            arguments.ThrowIfUnwritable(tool.Method.ToolName);
            TaskCreation creation;
            using (CallLease lease = await _core.AdmitAsync(tool.Gate, policy.Priority, policy.RateLimitMode, token).ConfigureAwait(false))
            {
                try
                {
                    creation = await CreateTaskIfDueAsync(tool, arguments, lease.Session, insist: true, token).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("A task that was insisted on was not created.");
                }
                catch (McpProtocolException exception)
                {
                    // As a plain call's: the server refused this creation alone.
                    throw ToolCallProtocolError.Describe(tool.Method.ToolName, exception);
                }
                catch (Exception exception) when (IsSessionLoss(exception) && !token.IsCancellationRequested)
                {
                    lease.SessionLost();
                    throw new McpSessionLostException(tool.Method.ToolName, lease.Session.DescribeEnd() ?? exception.Message, exception);
                }
            }

            TimeSpan created = _time.GetElapsedTime(started);
            statistics.OnSucceeded(created);
            activity?.SetTag("mcpsdk.task.id", creation.Task?.TaskId);
            Record(tool, activity, created, error: null);
            return creation.Task is { } task
                ? new McpTask<TResult>(this, tool, reader, progress, task.TaskId, result: null)
                : new McpTask<TResult>(this, tool, reader, progress, taskId: string.Empty, creation.Result);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled(tool, activity, started, exception);
            throw;
        }
        catch (OperationCanceledException exception) when (deadline is not null && deadline.IsCancellationRequested)
        {
            // Creation has no separate queue time to report: the whole wait is the creation's.
            TimeSpan elapsed = _time.GetElapsedTime(started);
            throw TimedOut(tool, activity, elapsed, queued: TimeSpan.Zero, running: elapsed, exception);
        }
        catch (Exception exception)
        {
            Failed(tool, activity, started, exception);
            throw;
        }
        finally
        {
            activity?.Dispose();
            arguments.Dispose();
        }
    }

    /// <summary>
    /// Sends the call as a task when it is due: the tool requires it, or the method insists and the server allows it.
    /// <see langword="null"/> means a plain call; a method that insists where the server cannot gets <see cref="McpTaskException"/>.
    /// </summary>
    private async ValueTask<TaskCreation?> CreateTaskIfDueAsync(
        BoundTool tool, ToolArguments arguments, IMcpSession session, bool insist, CancellationToken cancellationToken)
    {
        string name = tool.Method.ToolName;
        ServerTaskSupport.Table server = await _core.TaskSupport.LearnAsync(session, cancellationToken).ConfigureAwait(false);
        ToolTaskSupport support = server.SupportOf(name);
        string? refusal = !server.LeanEngine ? null
            : !server.ServerRunsTasks ? "the server does not run tool calls as tasks (its initialize result has no tasks.requests.tools.call capability)"
            : support == ToolTaskSupport.Forbidden ? "the server does not allow it as a task (its tools/list gives no execution.taskSupport 'optional' or 'required')"
            : null;
        if (!server.LeanEngine)
        {
            return insist ? throw TaskCarrier.LeanEngineOnly(name, taskId: null) : null;
        }

        if (refusal is not null || (support == ToolTaskSupport.Optional && !insist))
        {
            return insist && refusal is not null
                ? throw new McpTaskException(name, taskId: null, state: null,
                    $"Tool '{name}' is declared to run as an MCP task ([RunAsTask] or an McpTask<T> return), but {refusal}: remove [RunAsTask], or return the value itself.")
                : null;
        }

        return await ((ITaskSession)session).CreateToolTaskAsync(name, arguments, tool.Method.Policy.TaskTimeToLive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A call made as a task on its admitted lease, or <see langword="null"/> when it is due as a plain call.</summary>
    private async ValueTask<CallToolResult?> TryRunAsTaskAsync(
        BoundTool tool, ToolArguments arguments, IProgress<McpProgress>? progress, CallLease lease, CancellationToken cancellationToken)
    {
        TaskCreation? creation = await CreateTaskIfDueAsync(tool, arguments, lease.Session, tool.Method.Policy.RunAsTask, cancellationToken).ConfigureAwait(false);
        if (creation is not { Task: { } task })
        {
            return creation?.Result;
        }

        // The id on the call's span, so a trace leads to the server's task.
        if (Activity.Current is { } activity && ReferenceEquals(activity.Source, McpSdkTelemetry.Source))
        {
            activity.SetTag("mcpsdk.task.id", task.TaskId);
        }

        // The lease stays the caller's: the task holds the call's slots until it ends ([MaxConcurrency] counts it).
        using var carrier = new TaskCarrier(_core, tool.Method.ToolName, lease, ownsLease: false);
        return await new TaskFollower(tool.Method.ToolName, task.TaskId, progress, _time)
            .FollowAsync(carrier, task, cancelOnAbandon: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A handle for a task started elsewhere; the tool's configured policies admit its requests.</summary>
    internal McpTask<TResult> AttachTask<TResult>(string toolName, string taskId, ToolResultReader<TResult> reader)
    {
        // Not declared to the validator: a handle names a tool, not a method whose arguments could drift.
        BoundTool tool = BindCore(new ToolMethod(toolName, nameof(McpConnection.AttachTask)));
        return new McpTask<TResult>(this, tool, reader, progress: null, taskId, result: null);
    }

    /// <summary>
    /// A handle's wait: admitted as a call of its tool (so it counts in flight while awaited), then followed to the end.
    /// With <paramref name="cancelOnAbandon"/>, a cancelled wait sends <c>tasks/cancel</c> (best effort, bounded), also
    /// when it was cancelled still waiting for admission.
    /// </summary>
    internal async Task<TResult> FollowTaskAsync<TResult>(
        BoundTool tool, string taskId, ToolResultReader<TResult> reader, IProgress<McpProgress>? progress, bool cancelOnAbandon,
        CancellationToken cancellationToken)
    {
        TaskCarrier carrier;
        try
        {
            carrier = await AdmitCarrierAsync(tool, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancelOnAbandon && cancellationToken.IsCancellationRequested)
        {
            using var bound = new CancellationTokenSource(TaskFollower.CancelBound, _time);
            try
            {
                await AskTaskAsync(tool, taskId, cancel: true, bound.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (TaskFollower.IsBestEffortMiss(error))
            {
                // The server's TTL ends it in any case.
            }

            throw;
        }

        using (carrier)
        {
            CallToolResult result = await new TaskFollower(tool.Method.ToolName, taskId, progress, _time)
                .FollowAsync(carrier, created: null, cancelOnAbandon, cancellationToken).ConfigureAwait(false);
            return reader.Read(result, tool.Method);
        }
    }

    /// <summary>One <c>tasks/get</c> or <c>tasks/cancel</c> for a handle, admitted as a call of its tool.</summary>
    internal async Task<McpTaskStatus> AskTaskAsync(BoundTool tool, string taskId, bool cancel, CancellationToken cancellationToken)
    {
        using TaskCarrier carrier = await AdmitCarrierAsync(tool, cancellationToken).ConfigureAwait(false);
        var follower = new TaskFollower(tool.Method.ToolName, taskId, progress: null, _time);
        WireTask status = cancel
            ? await follower.RequestAsync(carrier, static (s, id, ct) => s.CancelTaskAsync(id, ct), cancellationToken).ConfigureAwait(false)
            : await follower.RequestAsync(carrier, static (s, id, ct) => s.GetTaskAsync(id, ct), cancellationToken).ConfigureAwait(false);
        return TaskFollower.ToStatus(status);
    }

    private async ValueTask<TaskCarrier> AdmitCarrierAsync(BoundTool tool, CancellationToken cancellationToken)
    {
        CallPolicy policy = tool.Method.Policy;
        CallLease lease = await _core.AdmitAsync(tool.Gate, policy.Priority, policy.RateLimitMode, cancellationToken).ConfigureAwait(false);
        return new TaskCarrier(_core, tool.Method.ToolName, lease, ownsLease: true);
    }

    /// <summary>Calls the tool and reads its result.</summary>
    /// <typeparam name="TResult">The type the interface method declares.</typeparam>
    /// <param name="tool">The calling method, bound by <see cref="Bind"/>.</param>
    /// <param name="arguments">The serialised arguments; the invoker disposes them.</param>
    /// <param name="reader">Reads the declared type from the result.</param>
    /// <param name="progress">Receives the server's progress notifications, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call; a running request is cancelled on the server too.</param>
    public async Task<TResult> InvokeAsync<TResult>(
        BoundTool tool,
        ToolArguments arguments,
        ToolResultReader<TResult> reader,
        IProgress<McpProgress>? progress,
        CancellationToken cancellationToken)
    {
        long started = Submit(tool, arguments, reader);
        ToolStatistics statistics = tool.Gate.Statistics;
        CallPolicy policy = tool.Method.Policy;

        // The deadline covers waiting and running, over all attempts.
        CancellationTokenSource? deadline = null;
        CancellationTokenRegistration link = default;
        CallTimer? timer = null;
        CancellationToken token = cancellationToken;
        if (policy.Timeout is { } timeout)
        {
            deadline = new CancellationTokenSource(timeout, _time);
            link = cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline);
            timer = new CallTimer();
            token = deadline.Token;
        }

        // The parent of the SDK's own request span; null (and free) while nobody listens.
        Activity? activity = McpSdkTelemetry.Source.HasListeners() ? StartActivity(tool) : null;
        try
        {
            arguments.ThrowIfUnwritable(tool.Method.ToolName);
            CallToolResult result = tool.Retry is null
                ? await RunAttemptAsync(tool, arguments, progress, timer, token).ConfigureAwait(false)
                : await tool.Retry.ExecuteAsync(
                    static (state, attemptToken) => state.Invoker.RunAttemptAsync(state.Tool, state.Arguments, state.Progress, state.Timer, attemptToken),
                    new AttemptState(this, tool, arguments, progress, timer),
                    token).ConfigureAwait(false);

            if (deadline is not null && !deadline.IsCancellationRequested && _time.GetElapsedTime(started) >= policy.Timeout!.Value)
            {
                // The reply came after the deadline while the deadline's timer was still queued (its callback needs a
                // thread-pool thread; the lean engine's replies do not): late all the same.
                deadline.Cancel();
                throw new OperationCanceledException(deadline.Token);
            }

            TResult value = reader.Read(result, tool.Method);
            TimeSpan elapsed = _time.GetElapsedTime(started);
            statistics.OnSucceeded(elapsed);
            Record(tool, activity, elapsed, error: null);
            return value;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            Cancelled(tool, activity, started, exception);
            throw;
        }
        catch (OperationCanceledException exception) when (deadline is not null && deadline.IsCancellationRequested)
        {
            throw TimedOut(tool, activity, _time.GetElapsedTime(started), timer!.Queued, timer.Running, exception);
        }
        catch (Exception exception)
        {
            Failed(tool, activity, started, exception);
            throw;
        }
        finally
        {
            activity?.Dispose();
            link.Dispose();
            deadline?.Dispose();
            arguments.Dispose();
        }
    }

    /// <summary>The caller cancelled: counted and recorded.</summary>
    private void Cancelled(BoundTool tool, Activity? activity, long started, OperationCanceledException exception)
    {
        tool.Gate.Statistics.OnCancelled();
        Record(tool, activity, _time.GetElapsedTime(started), exception);
    }

    /// <summary>The method's <c>[Timeout]</c> passed: counted, logged and recorded; returns the exception to throw.</summary>
    private McpSdkTimeoutException TimedOut(
        BoundTool tool, Activity? activity, TimeSpan elapsed, TimeSpan queued, TimeSpan running, OperationCanceledException exception)
    {
        tool.Gate.Statistics.OnFailed(elapsed, FailureKind.TimedOut);
        var timedOut = new McpSdkTimeoutException(tool.Method.ToolName, tool.Method.Policy.Timeout!.Value, queued, running, exception);
        Log.CallTimedOut(_logger, tool.Method.ToolName, timedOut.Deadline.TotalMilliseconds, timedOut.Queued.TotalMilliseconds, timedOut.Running.TotalMilliseconds);
        Record(tool, activity, elapsed, timedOut);
        return timedOut;
    }

    /// <summary>Any other failure: counted (a full queue or an exhausted rate limit as a rejection), logged and recorded.</summary>
    private void Failed(BoundTool tool, Activity? activity, long started, Exception exception)
    {
        TimeSpan elapsed = _time.GetElapsedTime(started);
        bool rejected = exception is McpQueueFullException or McpRateLimitedException;
        tool.Gate.Statistics.OnFailed(elapsed, rejected ? FailureKind.Rejected : FailureKind.Other);
        if (rejected)
        {
            McpSdkTelemetry.Rejections.Add(1, tool.ToolTag);
            Log.CallRejected(_logger, tool.Method.ToolName, exception.Message);
        }
        else if (exception is McpSessionLostException lost)
        {
            Log.CallSessionLost(_logger, tool.Method.ToolName, lost.Message);
        }

        Record(tool, activity, elapsed, exception);
    }

    /// <summary>A call's start: its inputs checked, its arguments sealed, and it counted as submitted; returns its start time.</summary>
    private long Submit(BoundTool tool, ToolArguments arguments, object reader)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(reader);

        // Before the first await: the arguments were written with this thread's writer.
        arguments.Seal();
        tool.Gate.Statistics.OnSubmitted();
        return _time.GetTimestamp();
    }

    private static Activity? StartActivity(BoundTool tool)
    {
        Activity? activity = McpSdkTelemetry.Source.StartActivity(tool.SpanName, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("mcp.method.name", "tools/call");
            activity.SetTag("gen_ai.operation.name", "execute_tool");
            activity.SetTag("gen_ai.tool.name", tool.Method.ToolName);
            activity.SetTag("mcpsdk.priority", tool.Method.Policy.Priority.ToString());
        }

        return activity;
    }

    /// <summary>The call's duration metric and the span's outcome; costs a check while nobody listens.</summary>
    private static void Record(BoundTool tool, Activity? activity, TimeSpan elapsed, Exception? error)
    {
        string? errorType = error?.GetType().FullName;
        if (McpSdkTelemetry.CallDuration.Enabled)
        {
            var tags = new TagList { tool.ToolTag };
            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            McpSdkTelemetry.CallDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (activity is not null && error is not null)
        {
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
        }
    }

    /// <summary>One attempt: admission (slots, rate permit, a live session), the session call, and the lease given back.</summary>
    // Pooled: every call runs at least one attempt, and its state machine would otherwise be an allocation per call.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallToolResult> RunAttemptAsync(
        BoundTool tool, ToolArguments arguments, IProgress<McpProgress>? progress, CallTimer? timer, CancellationToken cancellationToken)
    {
        Activity? activity = Activity.Current is { } current && ReferenceEquals(current.Source, McpSdkTelemetry.Source) ? current : null;
        for (int send = 1; ; send++)
        {
            bool timed = timer is not null || activity is not null || McpSdkTelemetry.QueueDuration.Enabled;
            long queuedSince = timed ? _time.GetTimestamp() : 0;
            using CallLease lease = await _core.AdmitAsync(tool.Gate, tool.Method.Policy.Priority, tool.Method.Policy.RateLimitMode, cancellationToken)
                .ConfigureAwait(false);

            long runningSince = 0;
            if (timed)
            {
                runningSince = _time.GetTimestamp();
                TimeSpan waited = _time.GetElapsedTime(queuedSince, runningSince);
                if (timer is not null)
                {
                    timer.Queued += waited;
                }

                McpSdkTelemetry.QueueDuration.Record(waited.TotalSeconds, tool.ToolTag);
                activity?.AddEvent(new ActivityEvent("mcpsdk.admitted", tags: new ActivityTagsCollection { ["mcpsdk.queue.wait_ms"] = waited.TotalMilliseconds }));
            }

            McpSdkTelemetry.ActiveCalls.Add(1, tool.ToolTag);
            activity?.SetTag("mcp.session.id", lease.Session.SessionId);
            try
            {
                if (!_core.TaskSupport.SurelyPlain(tool.Method.ToolName, tool.Method.Policy.RunAsTask)
                    && await TryRunAsTaskAsync(tool, arguments, progress, lease, cancellationToken).ConfigureAwait(false) is { } taskResult)
                {
                    return taskResult;
                }

                return await lease.Session.CallToolAsync(tool.Method.ToolName, arguments, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (SessionUnusableException) when (send == 1 && !_core.IsDisposed)
            {
                // The server turned the request away without running it (its session had expired, e.g. the server
                // restarted): sent once more on another session whatever [Retry] says, so the first call after a restart
                // does not fail. The session is a suspect; a 404 for it has also ended it, and the pool replaces it.
                lease.SessionLost();
                Log.CallResent(_logger, tool.Method.ToolName);
            }
            catch (McpProtocolException exception)
            {
                // A JSON-RPC error about this call alone (an unknown tool, arguments the server refuses): the session is
                // sound, and the message says which tool it was.
                throw ToolCallProtocolError.Describe(tool.Method.ToolName, exception);
            }
            catch (HttpRequestException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                // Refused credentials, after McpSdk's grant handler or the SDK's OAuth flow already tried a fresh token: the
                // session is sound, so it is not suspected, and another attempt with the same credentials would be refused too.
                throw new McpAuthorizationException(
                    tool.Method.ToolName,
                    $"The server refused the call of tool '{tool.Method.ToolName}' with {(int)exception.StatusCode} {exception.StatusCode}: check the " +
                    "connection's OAuth settings or AdditionalHeaders (credentials, scopes).",
                    exception);
            }
            catch (Exception exception) when (IsSessionLoss(exception))
            {
                // What the session knows of its own end ("the server process exited with code 137") says more than the
                // exception the call saw ("The transport was closed.").
                string reason = _core.IsDisposed ? "the connection was disposed"
                    : lease.Session.DescribeEnd() is { } end ? end
                    : exception is HttpRequestException { InnerException: { } cause } ? $"{exception.Message} ({cause.Message})"
                    : exception.Message;
                lease.SessionLost();
                throw new McpSessionLostException(tool.Method.ToolName, reason, exception);
            }
            finally
            {
                if (timer is not null)
                {
                    timer.Running += _time.GetElapsedTime(runningSince);
                }

                McpSdkTelemetry.ActiveCalls.Add(-1, tool.ToolTag);
            }
        }
    }

    // A cancellation the caller did not ask for means the session under the call went away (the SDK cancels
    // pending requests when its transport closes or the client is disposed). Over HTTP the way to the server fails per
    // request: an error status (500, 404 for an expired session), a reset connection (HttpRequestException), or an
    // event stream that ends without the reply (a plain McpException from the SDK's transport; the server's own
    // JSON-RPC errors are McpProtocolException and stay as they are). The session is then a suspect: the pool pings it.
    internal static bool IsSessionLoss(Exception exception) =>
        exception is ClientTransportClosedException or IOException or ObjectDisposedException or OperationCanceledException or SessionUnusableException
            or HttpRequestException or McpMessageTooLargeException
        || exception.GetType() == typeof(ModelContextProtocol.McpException);

    private readonly record struct AttemptState(
        ToolInvoker Invoker, BoundTool Tool, ToolArguments Arguments, IProgress<McpProgress>? Progress, CallTimer? Timer);
}
