using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Fleet;
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
    private readonly FleetLimits? _fleet;
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
        _fleet = options.Fleet is { } fleet ? new FleetLimits(fleet, options.TimeProvider, poolLogger) : null;
        Pool = new SessionPool(connect, endpointName, options, poolLogger, this);
    }

    /// <summary>Compares the bound tool methods with the server's tools; <see langword="null"/> unless validation is on.</summary>
    public ToolValidator? Validator { get; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>What the server says about MCP tasks, learned once per connection.</summary>
    public ServerTaskSupport TaskSupport { get; } = new();

    internal SessionPool Pool { get; }

    /// <summary>The gate of <paramref name="toolName"/>, created on first use; <paramref name="policy"/>'s limits tighten it.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="policy"/> has a fleet-scoped limit and the connection no fleet.</exception>
    public ToolGate GetGate(string toolName, CallPolicy policy)
    {
        bool fleetScoped = (policy.MaxConcurrencyScope == McpLimitScope.Fleet && policy.MaxConcurrency is not null)
            || (policy.RateLimitScope == McpLimitScope.Fleet && policy.RateLimitPermits is not null);
        if (fleetScoped && _fleet is null)
        {
            // Quietly counting per process would be exactly the overload a fleet limit exists to prevent.
            throw new InvalidOperationException(
                $"Tool '{toolName}' declares a fleet-scoped limit (Scope = McpLimitScope.Fleet), but the connection to '{_endpointName}' has no fleet: " +
                "set McpConnectionOptions.Fleet (a Redis and a key prefix naming the fleet), or configure the tool's scope as Connection.");
        }

        ToolGate gate = _scheduler.GetGate(toolName, policy);
        if (fleetScoped)
        {
            gate.Fleet = _fleet!.ForTool(toolName, policy, gate.Statistics);
        }

        return gate;
    }

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
            return AdmitLaterAsync(admission, gate, priority, rateLimitMode, cancellationToken);
        }

        // Not a wait: the ValueTask has already completed successfully. Reading its result once is the ValueTask contract,
        // and for a waiter granted while AcquireAsync still ran it is what returns the waiter to the scheduler's pool.
        admission.GetAwaiter().GetResult();
        if (gate.Fleet is not null)
        {
            return AdmitFleetAsync(gate, rateLimitMode, cancellationToken);
        }

        return TryLease(gate, out CallLease lease) ? new ValueTask<CallLease>(lease) : ReadmitAsync(gate, priority, rateLimitMode, cancellationToken);
    }

    // Pooled: a call that waits would otherwise allocate a state machine.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallLease> AdmitLaterAsync(
        ValueTask admission, ToolGate gate, McpPriority priority, RateLimitMode rateLimitMode, CancellationToken cancellationToken)
    {
        if (!admission.IsCompleted && _scheduler.Waiting > 0 && _scheduler.InFlight >= _scheduler.Limit)
        {
            // It waits for session capacity, not for its tool: let the pool grow (the opening runs on the thread pool).
            Pool.RequestCapacity(_scheduler.Waiting);
        }

        await admission.ConfigureAwait(false);
        if (gate.Fleet is not null)
        {
            return await AdmitFleetAsync(gate, rateLimitMode, cancellationToken).ConfigureAwait(false);
        }

        return TryLease(gate, out CallLease lease) ? lease : await ReadmitAsync(gate, priority, rateLimitMode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A call admitted on a capacity published a moment before the last live session ended (the session's end and the
    /// capacity it took away reach the scheduler one after the other): it waits in line once more, now that the
    /// scheduler knows, while the pool opens a replacement, instead of failing for want of a session it was just told
    /// it had. A second miss fails as before.
    /// </summary>
    private async ValueTask<CallLease> ReadmitAsync(ToolGate gate, McpPriority priority, RateLimitMode rateLimitMode, CancellationToken cancellationToken)
    {
        if (IsDisposed)
        {
            throw Disposed(gate);
        }

        Pool.RequestCapacity(1);
        await _scheduler.AcquireAsync(gate, priority, rateLimitMode, cancellationToken).ConfigureAwait(false);
        return Lease(gate, fleet: null);
    }

    /// <summary>The call's session, or false (its slots given back) when no live session is left to route it to.</summary>
    private bool TryLease(ToolGate gate, out CallLease lease)
    {
        PooledSession? session = IsDisposed ? null : Pool.Route();
        if (session is null)
        {
            if (IsDisposed)
            {
                _scheduler.Release(gate);
                throw Disposed(gate);
            }

            _scheduler.Release(gate);
            lease = default;
            return false;
        }

        lease = new CallLease(this, gate, session, fleet: null);
        return true;
    }

    /// <summary>
    /// The fleet's slot and rate permit for a call the local scheduler admitted: so the local priority order decides who
    /// asks Redis first, and the call holds its local slots (which keep this process's callers of the tool behind it)
    /// while it waits for the fleet — a wait bounded by its token, never by Redis: an unreachable Redis fails fast into
    /// the fleet's failure mode. The session is routed only once the fleet let the call start.
    /// </summary>
    private async ValueTask<CallLease> AdmitFleetAsync(ToolGate gate, RateLimitMode rateLimitMode, CancellationToken cancellationToken)
    {
        FleetPermit fleet;
        try
        {
            fleet = await gate.Fleet!.AcquireAsync(rateLimitMode, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsDisposed && !cancellationToken.IsCancellationRequested && exception is OperationCanceledException or ObjectDisposedException)
        {
            // The connection closed under the wait: as every pending call on disposal, this one fails saying so.
            _scheduler.Release(gate);
            throw Disposed(gate);
        }
        catch
        {
            _scheduler.Release(gate);
            throw;
        }

        return Lease(gate, fleet);
    }

    private CallLease Lease(ToolGate gate, FleetPermit? fleet)
    {
        PooledSession? session = IsDisposed ? null : Pool.Route();
        if (session is null)
        {
            fleet?.Return();
            _scheduler.Release(gate);
            throw IsDisposed
                ? Disposed(gate)
                : new McpSessionLostException(gate.ToolName, "no live session: the last one ended before the call could start");
        }

        return new CallLease(this, gate, session, fleet);
    }

    /// <summary>
    /// A live session for a task whose session was lost, while its call keeps the slots it was admitted with: over
    /// Streamable HTTP the task lives on in the server, and any session may follow it. Asks the pool to replace the lost
    /// one and waits, without polling, for the pool to say a session is live, that none could open, or that it closed
    /// (the connection's disposal); give the session back with <see cref="ReturnBorrowed"/>.
    /// </summary>
    /// <exception cref="McpSessionLostException">The pool could open no session while none is live, as waiting calls fail.</exception>
    /// <exception cref="ObjectDisposedException">The connection was disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public async ValueTask<PooledSession> BorrowSessionAsync(string toolName, string taskId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (IsDisposed)
            {
                throw new ObjectDisposedException(nameof(McpConnection), $"The MCP connection to '{_endpointName}' was disposed; the task of tool '{toolName}' cannot be followed.");
            }

            Exception? gaveUp;
            using (LiveSessionWaiters.Waiter wait = Pool.WaitForLive(cancellationToken))
            {
                if (Pool.Route() is { } session)
                {
                    return session;
                }

                Pool.RequestCapacity(1);
                gaveUp = await wait.Task.ConfigureAwait(false);
            }

            if (gaveUp is not null && !IsDisposed)
            {
                throw NoSessionForTask(toolName, taskId, gaveUp);
            }
        }
    }

    /// <summary>
    /// The borrower's failure when the pool gives up, as a waiting call's (<see cref="IPoolOwner.OnNoSessionCouldOpen"/>),
    /// saying where the task stands.
    /// </summary>
    private McpSessionLostException NoSessionForTask(string toolName, string taskId, Exception failure) => new(
        toolName,
        $"the session following task '{taskId}' ended and no new session to '{_endpointName}' could be opened ({failure.Message}). " +
        $"The task may still be running on the server: once it is reachable, take it up by id with McpConnection.AttachTask(\"{toolName}\", \"{taskId}\"), " +
        "or call the tool again to start a new one.",
        failure);

    public void ReturnBorrowed(PooledSession session) => Pool.Return(session);

    private ObjectDisposedException Disposed(ToolGate gate) =>
        new(nameof(McpConnection), $"The MCP connection to '{_endpointName}' was disposed; tool '{gate.ToolName}' cannot be called.");

    internal void Return(PooledSession session, ToolGate gate, FleetPermit? fleet)
    {
        fleet?.Return();
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
                FleetFallbacks = total.FleetFallbacks + tool.FleetFallbacks,
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
        _fleet?.Close(); // calls waiting for the fleet fail now, as the scheduler's waiters just did
        await Pool.DisposeAsync().ConfigureAwait(false);
        if (_fleet is not null)
        {
            // After the pool: every call has given its fleet slot back (or its lease will end in Redis on its own).
            await _fleet.DisposeAsync().ConfigureAwait(false);
        }
    }
}
