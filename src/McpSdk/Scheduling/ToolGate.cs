using System.Collections.Generic;
using System.Threading;
using McpSdk.Diagnostics;

namespace McpSdk.Scheduling;

/// <summary>
/// The scheduler's state for one tool name, shared by every method that calls that tool: its slot limit, its
/// waiting line, its rate limiter and its counters. Where two methods declare different limits, the strictest holds.
/// </summary>
internal sealed class ToolGate
{
    // Read without the lock on the fast path; written with Interlocked.
    internal int InFlight;

    private readonly int[] _queuedByPriority = new int[4];

    public ToolGate(string toolName)
    {
        ToolName = toolName;
    }

    public string ToolName { get; }

    /// <summary>The most calls in flight; <see cref="int.MaxValue"/> when unlimited. Only ever lowered.</summary>
    public int Limit { get; set; } = int.MaxValue;

    /// <summary>The most calls waiting; <see cref="int.MaxValue"/> when unbounded. Only ever lowered.</summary>
    public int QueueLimit { get; set; } = int.MaxValue;

    /// <summary>
    /// The tool's rate limiter, or <see langword="null"/> while no method declares one. Set once, under the scheduler's
    /// lock, and read without it; never replaced, because a call may be taking a permit from it: a stricter bound
    /// tightens it instead.
    /// </summary>
    public ToolRateLimiter? RateLimiter { get; set; }

    public ToolStatistics Statistics { get; } = new();

    /// <summary>
    /// The tool's fleet-scoped limits (slots and rate on Redis), or <see langword="null"/> while none is declared. Set once,
    /// before the first call of a method that declares them can be admitted; taken after the local slots.
    /// </summary>
    public Fleet.FleetToolLimits? Fleet { get; set; }

    // The fields below are guarded by the scheduler's lock.

    /// <summary>Live waiters (cancelled ones leave the count at once, and the heap lazily).</summary>
    public int WaitingCount { get; private set; }

    public PriorityQueue<SchedulerWaiter, WaiterOrder> Queue { get; } = new();

    /// <summary>The dispatch pass that found this tool without a rate-limit permit.</summary>
    public long SkippedInPass { get; set; }

    public void OnEnqueued(SchedulerWaiter waiter)
    {
        Queue.Enqueue(waiter, waiter.Order);
        WaitingCount++;
        Interlocked.Increment(ref _queuedByPriority[(int)waiter.Priority]);
    }

    /// <summary>Accounts for a waiter that leaves the line (granted, cancelled or failed).</summary>
    public void OnLeft(SchedulerWaiter waiter)
    {
        WaitingCount--;
        Interlocked.Decrement(ref _queuedByPriority[(int)waiter.Priority]);
    }

    /// <summary>The first live waiter, dropping cancelled ones from the top of the heap.</summary>
    public SchedulerWaiter? PeekLive()
    {
        while (Queue.TryPeek(out SchedulerWaiter? head, out _))
        {
            if (head.State == SchedulerWaiter.Waiting)
            {
                return head;
            }

            Queue.Dequeue();
        }

        return null;
    }

    public McpToolStats Snapshot() => Statistics.Snapshot(
        Volatile.Read(ref InFlight),
        new McpQueuedCounts(
            Volatile.Read(ref _queuedByPriority[(int)McpPriority.Critical]),
            Volatile.Read(ref _queuedByPriority[(int)McpPriority.High]),
            Volatile.Read(ref _queuedByPriority[(int)McpPriority.Normal]),
            Volatile.Read(ref _queuedByPriority[(int)McpPriority.Low])));
}
