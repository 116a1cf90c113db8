using System;
using System.ComponentModel;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Scheduling;
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
    private readonly McpConnection _connection;
    private readonly PriorityScheduler _scheduler;
    private readonly TimeProvider _time;

    internal ToolInvoker(McpConnection connection, PriorityScheduler scheduler, TimeProvider timeProvider)
    {
        _connection = connection;
        _scheduler = scheduler;
        _time = timeProvider;
    }

    /// <summary>Binds a method to this connection. Generated proxies call it once per method, when created.</summary>
    public BoundTool Bind(ToolMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return new BoundTool(method, _scheduler.GetGate(method.ToolName, method.Policy), _time);
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

        try
        {
            CallToolResult result = tool.Retry is null
                ? await RunAttemptAsync(tool, arguments, progress, timer, token).ConfigureAwait(false)
                : await tool.Retry.ExecuteAsync(
                    static (state, attemptToken) => state.Invoker.RunAttemptAsync(state.Tool, state.Arguments, state.Progress, state.Timer, attemptToken),
                    new AttemptState(this, tool, arguments, progress, timer),
                    token).ConfigureAwait(false);

            TResult value = reader.Read(result, tool.Method);
            statistics.OnSucceeded(_time.GetElapsedTime(started));
            return value;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            statistics.OnCancelled();
            throw;
        }
        catch (OperationCanceledException exception) when (deadline is not null && deadline.IsCancellationRequested)
        {
            statistics.OnFailed(_time.GetElapsedTime(started), FailureKind.TimedOut);
            throw new McpSdkTimeoutException(tool.Method.ToolName, policy.Timeout!.Value, timer!.Queued, timer.Running, exception);
        }
        catch (Exception exception)
        {
            statistics.OnFailed(
                _time.GetElapsedTime(started),
                exception is McpQueueFullException or McpRateLimitedException ? FailureKind.Rejected : FailureKind.Other);
            throw;
        }
        finally
        {
            link.Dispose();
            deadline?.Dispose();
            arguments.Dispose();
        }
    }

    /// <summary>One attempt: wait for a slot, run on a session, give the slot back. No slot is held between attempts.</summary>
    private async ValueTask<CallToolResult> RunAttemptAsync(
        BoundTool tool, ToolArguments arguments, IProgress<McpProgress>? progress, CallTimer? timer, CancellationToken cancellationToken)
    {
        long queuedSince = timer is null ? 0 : _time.GetTimestamp();
        ValueTask admission = _scheduler.AcquireAsync(tool.Gate, tool.Method.Policy.Priority, tool.Method.Policy.RateLimitMode, cancellationToken);
        if (!admission.IsCompleted)
        {
            _connection.OnCallQueued();
        }

        await admission.ConfigureAwait(false);

        long runningSince = 0;
        if (timer is not null)
        {
            runningSince = _time.GetTimestamp();
            timer.Queued += _time.GetElapsedTime(queuedSince, runningSince);
        }

        PooledSession session;
        try
        {
            session = _connection.RouteCall(tool.Method);
        }
        catch
        {
            _scheduler.Release(tool.Gate);
            throw;
        }

        try
        {
            return await session.Session.CallToolAsync(tool.Method.ToolName, arguments, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (IsSessionLoss(exception))
        {
            string reason = _connection.IsDisposed ? "the connection was disposed" : exception.Message;
            throw new McpSessionLostException(tool.Method.ToolName, reason, exception);
        }
        finally
        {
            if (timer is not null)
            {
                timer.Running += _time.GetElapsedTime(runningSince);
            }

            _connection.Pool.Return(session);
            _scheduler.Release(tool.Gate);
        }
    }

    // A cancellation the caller did not ask for means the session under the call went away (the SDK cancels
    // pending requests when its transport closes or the client is disposed).
    private static bool IsSessionLoss(Exception exception) =>
        exception is ClientTransportClosedException or IOException or ObjectDisposedException or OperationCanceledException or SessionUnusableException;

    private readonly record struct AttemptState(
        ToolInvoker Invoker, BoundTool Tool, ToolArguments Arguments, IProgress<McpProgress>? Progress, CallTimer? Timer);
}
