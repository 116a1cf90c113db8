using System;
using System.Threading;

namespace McpSdk.Sessions;

/// <summary>
/// The pool's live set: the sessions that take calls, routing (least-loaded first) and the capacity they offer.
/// Membership is an immutable array swapped atomically, so routing is a lock-free scan.
/// </summary>
/// <remarks>
/// Capacity: while fewer than <c>MaxSessions</c> live, live sessions × <c>MaxCallsPerSession</c>; calls beyond it wait
/// in the scheduler's queue, by priority, while the pool grows. With all <c>MaxSessions</c> live there is nothing left
/// to wait for, so the sessions take more (least-loaded first) and only <c>MaxConcurrency</c> caps them. A suspect
/// carries nothing until its ping clears it.
/// </remarks>
internal sealed class LiveSessions
{
    private readonly int _max;
    private readonly int _perSession;
    private readonly IPoolOwner _owner;
    private PooledSession[] _sessions = [];

    public LiveSessions(int maxSessions, int maxCallsPerSession, IPoolOwner owner)
    {
        _max = maxSessions;
        _perSession = maxCallsPerSession;
        _owner = owner;
    }

    /// <summary>Those waiting for a live session outside the scheduler (a task's follower whose session was lost).</summary>
    public LiveSessionWaiters Waiters { get; } = new();

    /// <summary>The members now (live, suspect or just leaving); a snapshot, never changed in place.</summary>
    public PooledSession[] Members => Volatile.Read(ref _sessions);

    public int Count => Members.Length;

    public void Add(PooledSession session)
    {
        PooledSession[] seen = Members;
        while (true)
        {
            PooledSession[] swapped = Interlocked.CompareExchange(ref _sessions, [.. seen, session], seen);
            if (ReferenceEquals(swapped, seen))
            {
                return;
            }

            seen = swapped;
        }
    }

    /// <summary>Takes <paramref name="session"/> out of the set; false if it was not in it.</summary>
    public bool Remove(PooledSession session)
    {
        PooledSession[] seen = Members;
        while (true)
        {
            int index = Array.IndexOf(seen, session);
            if (index < 0)
            {
                return false;
            }

            PooledSession[] without = [.. seen.AsSpan(0, index), .. seen.AsSpan(index + 1)];
            PooledSession[] swapped = Interlocked.CompareExchange(ref _sessions, without, seen);
            if (ReferenceEquals(swapped, seen))
            {
                return true;
            }

            seen = swapped;
        }
    }

    /// <summary>Empties the set and returns what was in it.</summary>
    public PooledSession[] TakeAll() => Interlocked.Exchange(ref _sessions, []);

    /// <summary>
    /// The least-loaded live session, now carrying one more call; <see langword="null"/> if none lives.
    /// <paramref name="toClose"/> is a draining session this routing happened to leave idle: the caller closes it.
    /// </summary>
    public PooledSession? Route(out PooledSession? toClose)
    {
        toClose = null;
        while (true)
        {
            PooledSession? best = null;
            int bestLoad = int.MaxValue;
            foreach (PooledSession candidate in Members)
            {
                int load = Volatile.Read(ref candidate.InFlight);
                if (load < bestLoad && candidate.IsLive)
                {
                    best = candidate;
                    bestLoad = load;
                }
            }

            if (best is null)
            {
                return null;
            }

            Interlocked.Increment(ref best.InFlight);
            if (best.IsLive)
            {
                Interlocked.Increment(ref best.Calls);
                return best;
            }

            // It began draining between the scan and the increment, so its closer may have seen this call and left it
            // open: give the call back and, if that leaves it idle, close it.
            if (Interlocked.Decrement(ref best.InFlight) == 0 && Volatile.Read(ref best.State) == PooledSession.Draining)
            {
                toClose = best;
            }
        }
    }

    /// <summary>
    /// Ends a call's use of <paramref name="session"/>; true when that was its last call and it is draining, so the
    /// caller closes it.
    /// </summary>
    public static bool Return(PooledSession session, long now)
    {
        Volatile.Write(ref session.LastUsedTimestamp, now);
        return Interlocked.Decrement(ref session.InFlight) == 0 && Volatile.Read(ref session.State) == PooledSession.Draining;
    }

    /// <summary>
    /// Tells the owner how many calls the live sessions carry now, and, when a session is live, ends the waits for one
    /// (every change that makes a session live publishes). Two changes can publish in the opposite order of their
    /// computing: whoever published last checks that what it published is still true, so a stale value never stays.
    /// </summary>
    public void PublishCapacity()
    {
        int capacity = Capacity();
        while (true)
        {
            _owner.OnCapacityChanged(capacity);
            int now = Capacity();
            if (now == capacity)
            {
                break;
            }

            capacity = now;
        }

        if (capacity > 0)
        {
            Waiters.Wake();
        }
    }

    private int Capacity()
    {
        int live = 0;
        foreach (PooledSession session in Members)
        {
            live += session.IsLive ? 1 : 0;
        }

        return live >= _max ? int.MaxValue : (int)Math.Min(int.MaxValue, (long)live * _perSession);
    }
}
