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
using Microsoft.Extensions.Logging;
using McpSdk.Sessions;
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
    public Task<McpTask<TResult>> StartTaskAsync<TResult>(
        BoundTool tool,
        ToolArguments arguments,
        ToolResultReader<TResult> reader,
        IProgress<McpProgress>? progress,
        CancellationToken cancellationToken)
    {
        // SEAM (issue #16): implemented on the runtime branch.
        throw new NotImplementedException();
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
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(reader);

        // Before the first await: the arguments were written with this thread's writer.
        arguments.Seal();
        ToolStatistics statistics = tool.Gate.Statistics;
        CallPolicy policy = tool.Method.Policy;
        long started = _time.GetTimestamp();
        statistics.OnSubmitted();

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
            statistics.OnCancelled();
            Record(tool, activity, _time.GetElapsedTime(started), exception);
            throw;
        }
        catch (OperationCanceledException exception) when (deadline is not null && deadline.IsCancellationRequested)
        {
            TimeSpan elapsed = _time.GetElapsedTime(started);
            statistics.OnFailed(elapsed, FailureKind.TimedOut);
            var timedOut = new McpSdkTimeoutException(tool.Method.ToolName, policy.Timeout!.Value, timer!.Queued, timer.Running, exception);
            Log.CallTimedOut(_logger, tool.Method.ToolName, timedOut.Deadline.TotalMilliseconds, timedOut.Queued.TotalMilliseconds, timedOut.Running.TotalMilliseconds);
            Record(tool, activity, elapsed, timedOut);
            throw timedOut;
        }
        catch (Exception exception)
        {
            TimeSpan elapsed = _time.GetElapsedTime(started);
            bool rejected = exception is McpQueueFullException or McpRateLimitedException;
            statistics.OnFailed(elapsed, rejected ? FailureKind.Rejected : FailureKind.Other);
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
    private static bool IsSessionLoss(Exception exception) =>
        exception is ClientTransportClosedException or IOException or ObjectDisposedException or OperationCanceledException or SessionUnusableException
            or HttpRequestException or McpMessageTooLargeException
        || exception.GetType() == typeof(ModelContextProtocol.McpException);

    private readonly record struct AttemptState(
        ToolInvoker Invoker, BoundTool Tool, ToolArguments Arguments, IProgress<McpProgress>? Progress, CallTimer? Timer);
}
