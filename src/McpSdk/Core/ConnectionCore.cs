using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Invocation;
using McpSdk.Scheduling;
using McpSdk.Sessions;
using McpSdk.Validation;
using Microsoft.Extensions.Logging;

namespace McpSdk.Core;

/// <summary>
/// The one seam below the invoker: owns the scheduler and the session pool and hands each call a
/// <see cref="CallLease"/> — its slots, its rate permit and a live session — through <see cref="AdmitAsync"/>.
/// </summary>
/// <remarks>
/// The scheduler decides when a call runs, the pool decides where. The pool's capacity (live sessions ×
/// <c>MaxCallsPerSession</c>) is the scheduler's in-flight limit, so calls waiting for a session wait in the same
/// priority queue as every other; a call that has to wait asks the pool to grow. The pool reports to this core (as its
/// <see cref="IPoolOwner"/>) and the core alone tells the scheduler; nothing here calls up into the invoker.
/// </remarks>
internal sealed class ConnectionCore : IPoolOwner, IAsyncDisposable
{
    private readonly PriorityScheduler _scheduler;
    private readonly string _endpointName;
    private int _disposed;

    public ConnectionCore(
        string endpointName,
        McpConnectionOptions options,
        Func<CancellationToken, Task<IMcpSession>> connect,
        ToolValidator? validator,
        ILogger poolLogger)
    {
        _endpointName = endpointName;
        Validator = validator;

        // Until a session is open nothing can run; the pool publishes its capacity as sessions come and go.
        _scheduler = new PriorityScheduler(options.MaxConcurrency, options.QueueLimit, options.PriorityAgingAdmissions, options.TimeProvider);
        _scheduler.SetCapacity(0);
        Pool = new SessionPool(connect, endpointName, options, poolLogger, this);
    }

    /// <summary>Compares the bound tool methods with the server's tools; <see langword="null"/> unless validation is on.</summary>
    public ToolValidator? Validator { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal SessionPool Pool { get; }

    /// <summary>The gate of <paramref name="toolName"/>, created on first use; <paramref name="policy"/>'s limits tighten it.</summary>
    public ToolGate GetGate(string toolName, CallPolicy policy) => _scheduler.GetGate(toolName, policy);

    /// <inheritdoc cref="SessionPool.StartAsync"/>
    public Task StartAsync(CancellationToken cancellationToken) => Pool.StartAsync(cancellationToken);

    /// <summary>
    /// Waits until the call may start (tool slot, global slot, rate permit, in priority order) and gives it a live
    /// session. Completes synchronously, without allocating, when a slot is free and nothing waits.
    /// </summary>
    /// <exception cref="McpQueueFullException">The tool's or the connection's waiting line is full.</exception>
    /// <exception cref="McpRateLimitedException">No rate permit is left and the policy says reject.</exception>
    /// <exception cref="McpSessionLostException">No session lives to carry the call.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask<CallLease> AdmitAsync(ToolGate gate, McpPriority priority, RateLimitMode rateLimitMode, CancellationToken cancellationToken)
    {
        ValueTask admission = _scheduler.AcquireAsync(gate, priority, rateLimitMode, cancellationToken);
        if (!admission.IsCompletedSuccessfully)
        {
            return AdmitLaterAsync(admission, gate);
        }

        admission.GetAwaiter().GetResult(); // consumes it: a waiter granted at once goes back to the scheduler's pool
        return new ValueTask<CallLease>(Lease(gate));
    }

    // Pooled: a call that waits would otherwise allocate a state machine.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallLease> AdmitLaterAsync(ValueTask admission, ToolGate gate)
    {
        if (!admission.IsCompleted && _scheduler.Waiting > 0 && _scheduler.InFlight >= _scheduler.Limit)
        {
            // It waits for session capacity, not for its tool: let the pool grow (the opening runs on the thread pool).
            Pool.RequestCapacity(_scheduler.Waiting);
        }

        await admission.ConfigureAwait(false);
        return Lease(gate);
    }

    private CallLease Lease(ToolGate gate)
    {
        PooledSession? session = IsDisposed ? null : Pool.Route();
        if (session is null)
        {
            _scheduler.Release(gate);
            throw IsDisposed
                ? new ObjectDisposedException(nameof(McpConnection), $"The MCP connection to '{_endpointName}' was disposed; tool '{gate.ToolName}' cannot be called.")
                : new McpSessionLostException(gate.ToolName, "no live session: the last one ended before the call could start");
        }

        return new CallLease(this, gate, session);
    }

    internal void Return(PooledSession session, ToolGate gate)
    {
        Pool.Return(session);
        _scheduler.Release(gate);
    }

    void IPoolOwner.OnCapacityChanged(int capacity) => _scheduler.SetCapacity(capacity);

    void IPoolOwner.OnNoSessionCouldOpen(Exception failure) =>
        _scheduler.FailWaiting(tool => failure is McpToolDriftException drift
            ? new McpToolDriftException(drift.EndpointName, drift.Drifts)
            : new McpSessionLostException(
                tool,
                failure is McpConnectionFailedException ? failure.Message : "no session to the server could be opened: " + failure.Message,
                failure));

    /// <summary>
    /// The connection's counters, per tool and in total, read without stopping calls. At every quiescent moment
    /// <c>Submitted == Succeeded + Failed + Cancelled</c>.
    /// </summary>
    public McpConnectionStats GetStats()
    {
        var tools = new Dictionary<string, McpToolStats>(StringComparer.Ordinal);
        long[] buckets = LatencyHistogram.CreateBuckets();
        long count = 0, sum = 0;
        McpToolStats total = new() { Queued = McpQueuedCounts.Empty };
        foreach (ToolGate gate in _scheduler.Gates)
        {
            McpToolStats tool = gate.Snapshot();
            tools[gate.ToolName] = tool;
            gate.Statistics.Latency.AddTo(buckets, ref count, ref sum);
            total = total with
            {
                Submitted = total.Submitted + tool.Submitted,
                Succeeded = total.Succeeded + tool.Succeeded,
                Failed = total.Failed + tool.Failed,
                Cancelled = total.Cancelled + tool.Cancelled,
                Rejected = total.Rejected + tool.Rejected,
                TimedOut = total.TimedOut + tool.TimedOut,
                Retried = total.Retried + tool.Retried,
                InFlight = total.InFlight + tool.InFlight,
                Queued = new McpQueuedCounts(
                    total.Queued.Critical + tool.Queued.Critical,
                    total.Queued.High + tool.Queued.High,
                    total.Queued.Normal + tool.Queued.Normal,
                    total.Queued.Low + tool.Queued.Low),
            };
        }

        return new McpConnectionStats(total with { Latency = LatencyHistogram.Summarise(buckets, count, sum) }, tools)
        {
            Pool = Pool.Snapshot(),
        };
    }

    /// <summary>Fails every waiting call, then ends every session and waits for the pool's background work.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _scheduler.Dispose();
        await Pool.DisposeAsync().ConfigureAwait(false);
    }
}
