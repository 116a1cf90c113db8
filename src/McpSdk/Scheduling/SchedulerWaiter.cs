using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace McpSdk.Scheduling;

/// <summary>
/// One call waiting for a slot. Its state moves once, under the scheduler's lock, from waiting to granted,
/// cancelled or failed; the awaiting caller is resumed afterwards, outside the lock: inline when granted, on the
/// thread pool when cancelled or failed. A granted waiter goes back to the scheduler's pool once its result has been
/// read; a cancelled one never does, because the waiting line drops cancelled entries lazily and may still hold it.
/// </summary>
internal sealed class SchedulerWaiter : IValueTaskSource
{
    public const int Waiting = 0;
    public const int Granted = 1;
    public const int Cancelled = 2;
    public const int Failed = 3;

    // Where the continuation runs is chosen per completion (see Complete). The scheduler completes waiters only after
    // leaving its lock.
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private Exception? _error;

    private readonly PriorityScheduler _scheduler;

    public SchedulerWaiter(PriorityScheduler scheduler)
    {
        _scheduler = scheduler;
        Gate = null!;
    }

    public ToolGate Gate { get; private set; }

    public McpPriority Priority { get; private set; }

    /// <summary>The call's rate-limit mode is <see cref="RateLimitMode.Reject"/>.</summary>
    public bool RejectWithoutPermit { get; private set; }

    public WaiterOrder Order { get; private set; }

    /// <summary>Prepares a new or pooled waiter for one wait. Called under the scheduler's lock.</summary>
    public SchedulerWaiter Initialize(ToolGate gate, McpPriority priority, bool rejectWithoutPermit, WaiterOrder order)
    {
        Gate = gate;
        Priority = priority;
        RejectWithoutPermit = rejectWithoutPermit;
        Order = order;
        State = Waiting;
        _error = null;
        _registration = default;
        return this;
    }

    /// <summary>Only read and written under the scheduler's lock.</summary>
    public int State { get; set; }

    public short Version => _core.Version;

    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var waiter = (SchedulerWaiter)state!;
                    waiter._scheduler.Cancel(waiter, token);
                },
                this);
        }
    }

    /// <summary>Marks how the wait ends; call <see cref="Complete"/> after leaving the lock.</summary>
    public void SetOutcome(Exception? error) => _error = error;

    public void Complete()
    {
        _registration.Dispose();

        // A grant resumes the caller on the releasing thread: no thread-pool hop per hand-off. A cancelled or failed
        // wait is ended by a user's Cancel(), a disposal or a failing pool, which must not run the caller's code on
        // their stack; it resumes on the thread pool, as System.Threading.Channels does.
        _core.RunContinuationsAsynchronously = _error is not null;
        if (_error is null)
        {
            _core.SetResult(true);
        }
        else
        {
            _core.SetException(_error);
        }
    }

    public void GetResult(short token)
    {
        try
        {
            _core.GetResult(token);
        }
        finally
        {
            // Granted waiters left the line when they were granted, and their cancellation registration was disposed
            // (waiting out a running callback) before they completed: nothing refers to them any more.
            if (State == Granted)
            {
                _core.Reset();
                _scheduler.ReturnWaiter(this);
            }
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
