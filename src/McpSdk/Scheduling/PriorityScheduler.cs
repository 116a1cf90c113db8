using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;

namespace McpSdk.Scheduling;

/// <summary>
/// Decides when a call may start: a connection-wide in-flight limit, per-tool limits, per-tool rate limits,
/// one waiting line per tool ordered by priority with aging, and bounds on the waiting lines.
/// </summary>
/// <remarks>
/// <para>Fast path: while nothing waits, a call takes its slots with two compare-and-swap loops on counters
/// (plus the tool's rate permit, if it has a rate limit) and allocates nothing.</para>
/// <para>Slow path: under one lock, the caller first hands free slots to eligible waiters (so it never overtakes
/// them), then takes a slot or joins its tool's line. Whoever frees a slot, refills a permit or undoes a take
/// dispatches again, and a waiter that joins the line dispatches once more after joining: so no waiter is left
/// behind with a free slot (no lost wake-up).</para>
/// <para>Order: the eligible waiter with the smallest <see cref="WaiterOrder"/> goes first; its key is
/// "admissions so far − priority × aging step", so every <c>agingStep</c> admissions of waiting are worth one
/// priority level, and FIFO holds within a level.</para>
/// <para>Waiters are resumed after the lock is released. A granted waiter resumes on the releasing thread (no
/// thread-pool hop), except when such hand-offs nest too deeply on one stack; then the batch is resumed on the thread
/// pool once. A cancelled or failed waiter always resumes on the thread pool: never inside a user's
/// <c>Cancel()</c>, <see cref="Dispose"/> or <see cref="FailWaiting"/>.</para>
/// </remarks>
internal sealed class PriorityScheduler : IDisposable
{
    private const int MaxInlineDepth = 8;

    [ThreadStatic]
    private static int t_completionDepth;

    private readonly object _sync = new();
    private readonly ConcurrentDictionary<string, ToolGate> _gates = new(StringComparer.Ordinal);
    private readonly int _configuredLimit;
    private readonly int _queueLimit;
    private readonly long _agingStep;
    private readonly TimeProvider _timeProvider;

    private int _limit;
    private int _inFlight;
    private int _waiting;

    // Granted waiters, reused: a call that waits then costs no allocation. Lock-free slots, taken and given back
    // with Interlocked.Exchange / CompareExchange.
    private readonly SchedulerWaiter?[] _waiterPool = new SchedulerWaiter?[32];

    // Guarded by _sync.
    private ToolGate[] _gateList = [];
    private long _admissions;
    private long _sequence;
    private long _pass;
    private bool _disposed;

    public PriorityScheduler(int? maxConcurrency, int? queueLimit, int agingStep, TimeProvider timeProvider)
    {
        _configuredLimit = maxConcurrency ?? int.MaxValue;
        _limit = _configuredLimit;
        _queueLimit = queueLimit ?? int.MaxValue;
        _agingStep = agingStep;
        _timeProvider = timeProvider;
    }

    /// <summary>Calls in flight across all tools.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Calls waiting across all tools.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public IEnumerable<ToolGate> Gates => _gates.Values;

    /// <summary>The connection-wide in-flight limit now: the configured one, or less while sessions are few.</summary>
    public int Limit => Volatile.Read(ref _limit);

    /// <summary>
    /// Sets how many calls the live sessions can carry; the in-flight limit becomes the smaller of that and the
    /// configured one. Raising it starts waiting calls at once; lowering it lets running calls finish.
    /// </summary>
    public void SetCapacity(int capacity)
    {
        Volatile.Write(ref _limit, Math.Min(_configuredLimit, Math.Max(0, capacity)));
        DispatchIfWaiting();
    }

    /// <summary>Fails every waiting call with the exception <paramref name="error"/> makes for its tool.</summary>
    public void FailWaiting(Func<string, Exception> error)
    {
        CompletionBatch batch = default;
        lock (_sync)
        {
            foreach (ToolGate gate in _gateList)
            {
                while (gate.Queue.TryDequeue(out SchedulerWaiter? waiter, out _))
                {
                    if (waiter.State == SchedulerWaiter.Waiting)
                    {
                        Leave(waiter, SchedulerWaiter.Failed, error(gate.ToolName), ref batch);
                    }
                }
            }
        }

        batch.CompleteAll();
    }

    /// <summary>The gate of <paramref name="toolName"/>, created on first use; <paramref name="policy"/>'s limits tighten it.</summary>
    public ToolGate GetGate(string toolName, CallPolicy policy)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_gates.TryGetValue(toolName, out ToolGate? gate))
            {
                gate = new ToolGate(toolName);
                _gates[toolName] = gate;
                _gateList = [.. _gateList, gate];
            }

            // Methods that call the same tool share its limits; where they differ, the strictest holds.
            gate.Limit = Math.Min(gate.Limit, policy.MaxConcurrency ?? int.MaxValue);
            gate.QueueLimit = Math.Min(gate.QueueLimit, policy.QueueLimit ?? int.MaxValue);
            // A fleet-scoped rate is kept on Redis (the core takes it after admission), not in a local bucket.
            if (policy.RateLimitPermits is { } permits && policy.RateLimitScope == McpLimitScope.Connection)
            {
                // Tightened in place, never replaced: a call on the fast path may hold the limiter right now.
                var bound = new RateLimitBound(permits, policy.RateLimitWindow);
                if (gate.RateLimiter is { } limiter)
                {
                    limiter.Tighten(bound);
                }
                else
                {
                    gate.RateLimiter = new ToolRateLimiter(bound, _timeProvider, DispatchIfWaiting);
                }
            }

            return gate;
        }
    }

    /// <summary>
    /// Waits until the call may start, then holds one slot of <paramref name="gate"/> and one global slot until
    /// <see cref="Release"/>. Completes synchronously, without allocating, when a slot is free and nothing waits.
    /// </summary>
    /// <exception cref="McpQueueFullException">The tool's or the connection's waiting line is full.</exception>
    /// <exception cref="McpRateLimitedException">No rate permit is left and the policy says reject.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public ValueTask AcquireAsync(ToolGate gate, McpPriority priority, RateLimitMode rateLimitMode, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (Volatile.Read(ref _waiting) == 0 && TryTake(gate) == TakeResult.Taken)
        {
            return default;
        }

        return AcquireSlow(gate, priority, rateLimitMode, cancellationToken);
    }

    /// <summary>Gives back the slots taken by a successful <see cref="AcquireAsync"/>.</summary>
    public void Release(ToolGate gate)
    {
        Interlocked.Decrement(ref gate.InFlight);
        Interlocked.Decrement(ref _inFlight);
        DispatchIfWaiting();
    }

    /// <summary>Fails every waiting call; calls holding slots finish on their own.</summary>
    public void Dispose()
    {
        CompletionBatch batch = default;
        ToolGate[] gates;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            gates = _gateList;
            foreach (ToolGate gate in gates)
            {
                while (gate.Queue.TryDequeue(out SchedulerWaiter? waiter, out _))
                {
                    if (waiter.State == SchedulerWaiter.Waiting)
                    {
                        Leave(waiter, SchedulerWaiter.Failed, Disposed(gate.ToolName), ref batch);
                    }
                }
            }
        }

        // Stops the refill timers only: a call still on the fast path may take a permit from these limiters.
        foreach (ToolGate gate in gates)
        {
            gate.RateLimiter?.Dispose();
        }

        batch.CompleteAll();
    }

    internal void Cancel(SchedulerWaiter waiter, CancellationToken cancellationToken)
    {
        CompletionBatch batch = default;
        lock (_sync)
        {
            if (waiter.State != SchedulerWaiter.Waiting)
            {
                return; // Already granted or failed: it holds what it was given and releases it itself.
            }

            // Out of the count at once; the heap drops the entry when it reaches the top.
            Leave(waiter, SchedulerWaiter.Cancelled, new OperationCanceledException(cancellationToken), ref batch);
        }

        batch.CompleteAll();
    }

    private ValueTask AcquireSlow(ToolGate gate, McpPriority priority, RateLimitMode rateLimitMode, CancellationToken cancellationToken)
    {
        CompletionBatch batch = default;
        SchedulerWaiter? waiter = null;
        Exception? error = null;
        lock (_sync)
        {
            if (_disposed)
            {
                error = Disposed(gate.ToolName);
            }
            else
            {
                DispatchLocked(ref batch);

                TakeResult result = gate.WaitingCount == 0 ? TryTake(gate) : TakeResult.ToolFull;
                if (result == TakeResult.Taken)
                {
                    // Started without waiting.
                }
                else if (result == TakeResult.NoPermit && rateLimitMode == RateLimitMode.Reject)
                {
                    error = RateLimited(gate);
                }
                else if (gate.WaitingCount >= gate.QueueLimit)
                {
                    error = new McpQueueFullException(gate.ToolName, McpQueueScope.Tool, gate.QueueLimit);
                }
                else if (_waiting >= _queueLimit)
                {
                    error = new McpQueueFullException(gate.ToolName, McpQueueScope.Connection, _queueLimit);
                }
                else
                {
                    var order = new WaiterOrder(_admissions - ((long)priority * _agingStep), ++_sequence);
                    waiter = RentWaiter().Initialize(gate, priority, rateLimitMode == RateLimitMode.Reject, order);
                    gate.OnEnqueued(waiter);
                    Interlocked.Increment(ref _waiting);

                    // Registered before any dispatch can complete the waiter, so the registration is always disposed
                    // by Complete. A token cancelled meanwhile runs Cancel here, re-entering the lock; it only marks
                    // the waiter, whose awaiter does not exist yet.
                    waiter.RegisterCancellation(cancellationToken);

                    // A slot freed between our failed take and joining the line must not be missed.
                    DispatchLocked(ref batch);
                }
            }
        }

        batch.CompleteAll();
        if (error is not null)
        {
            return ValueTask.FromException(error);
        }

        if (waiter is null)
        {
            return default;
        }

        return new ValueTask(waiter, waiter.Version);
    }

    internal void ReturnWaiter(SchedulerWaiter waiter)
    {
        for (int i = 0; i < _waiterPool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _waiterPool[i], waiter, null) is null)
            {
                return;
            }
        }
    }

    private SchedulerWaiter RentWaiter()
    {
        for (int i = 0; i < _waiterPool.Length; i++)
        {
            if (Volatile.Read(ref _waiterPool[i]) is not null && Interlocked.Exchange(ref _waiterPool[i], null) is { } pooled)
            {
                return pooled;
            }
        }

        return new SchedulerWaiter(this);
    }

    private void DispatchIfWaiting()
    {
        if (Volatile.Read(ref _waiting) == 0)
        {
            return;
        }

        CompletionBatch batch = default;
        lock (_sync)
        {
            if (!_disposed)
            {
                DispatchLocked(ref batch);
            }
        }

        batch.CompleteAll();
    }

    /// <summary>Starts eligible waiters, best first, while global slots last. Caller holds <see cref="_sync"/>.</summary>
    private void DispatchLocked(ref CompletionBatch batch)
    {
        long pass = ++_pass;
        while (_waiting > 0 && Volatile.Read(ref _inFlight) < Volatile.Read(ref _limit))
        {
            ToolGate? bestGate = null;
            SchedulerWaiter? best = null;
            foreach (ToolGate gate in _gateList)
            {
                if (gate.WaitingCount == 0 || gate.SkippedInPass == pass || Volatile.Read(ref gate.InFlight) >= gate.Limit)
                {
                    continue;
                }

                SchedulerWaiter? head = gate.PeekLive();
                if (head is not null && (best is null || head.Order < best.Order))
                {
                    bestGate = gate;
                    best = head;
                }
            }

            if (best is null)
            {
                return;
            }

            switch (TryTake(bestGate!))
            {
                case TakeResult.Taken:
                    bestGate!.Queue.Dequeue();
                    _admissions++;
                    Leave(best, SchedulerWaiter.Granted, null, ref batch);
                    break;
                case TakeResult.NoPermit when best.RejectWithoutPermit:
                    bestGate!.Queue.Dequeue();
                    Leave(best, SchedulerWaiter.Failed, RateLimited(bestGate), ref batch);
                    break;
                case TakeResult.NoPermit:
                case TakeResult.ToolFull: // a fast-path caller took it between our check and our take
                    bestGate!.SkippedInPass = pass;
                    break;
                default:
                    return; // GlobalFull
            }
        }
    }

    private void Leave(SchedulerWaiter waiter, int state, Exception? error, ref CompletionBatch batch)
    {
        waiter.State = state;
        waiter.SetOutcome(error);
        waiter.Gate.OnLeft(waiter);
        Interlocked.Decrement(ref _waiting);
        batch.Add(waiter);
    }

    /// <summary>Takes a tool slot, a global slot and a rate permit, all or none.</summary>
    private TakeResult TryTake(ToolGate gate)
    {
        if (!TryIncrementBelow(ref gate.InFlight, gate.Limit))
        {
            return TakeResult.ToolFull;
        }

        if (!TryIncrementBelow(ref _inFlight, Volatile.Read(ref _limit)))
        {
            Interlocked.Decrement(ref gate.InFlight);
            return TakeResult.GlobalFull;
        }

        if (gate.RateLimiter is { } limiter && !limiter.TryTake())
        {
            Interlocked.Decrement(ref _inFlight);
            Interlocked.Decrement(ref gate.InFlight);
            return TakeResult.NoPermit;
        }

        return TakeResult.Taken;
    }

    private static bool TryIncrementBelow(ref int counter, int limit)
    {
        int current = Volatile.Read(ref counter);
        while (current < limit)
        {
            int seen = Interlocked.CompareExchange(ref counter, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private static McpRateLimitedException RateLimited(ToolGate gate)
    {
        RateLimitBound bound = gate.RateLimiter!.Bound;
        return new(gate.ToolName, bound.Permits, bound.Window);
    }

    private static ObjectDisposedException Disposed(string toolName) =>
        new(nameof(McpConnection), $"The MCP connection was disposed; the waiting call of tool '{toolName}' was not started.");

    /// <summary>Waiters whose wait ended under the lock, resumed after it is released.</summary>
    private struct CompletionBatch
    {
        private SchedulerWaiter? _first;
        private List<SchedulerWaiter>? _more;

        public void Add(SchedulerWaiter waiter)
        {
            if (_first is null)
            {
                _first = waiter;
            }
            else
            {
                (_more ??= []).Add(waiter);
            }
        }

        public readonly void CompleteAll()
        {
            if (_first is null)
            {
                return;
            }

            if (t_completionDepth >= MaxInlineDepth)
            {
                // Resumed callers that finish at once would release and resume the next ones on this same stack;
                // past a few levels, hand the batch to the thread pool once instead of recursing.
                CompletionBatch copy = this;
                ThreadPool.UnsafeQueueUserWorkItem(static batch => batch.CompleteNow(), copy, preferLocal: false);
                return;
            }

            t_completionDepth++;
            try
            {
                CompleteNow();
            }
            finally
            {
                t_completionDepth--;
            }
        }

        private readonly void CompleteNow()
        {
            _first!.Complete();
            if (_more is not null)
            {
                foreach (SchedulerWaiter waiter in _more)
                {
                    waiter.Complete();
                }
            }
        }
    }
}
