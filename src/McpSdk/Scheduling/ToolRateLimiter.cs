using System;
using System.Threading;
using System.Threading.RateLimiting;
using McpSdk.Diagnostics;

namespace McpSdk.Scheduling;

/// <summary>
/// A tool's start permits: a <see cref="TokenBucketRateLimiter"/> (System.Threading.RateLimiting) holding at most
/// <see cref="RateLimitBound.Permits"/> starts per window, refilled at each tick of a timer of the connection's
/// <see cref="TimeProvider"/>, so that tests on a fake clock see exact windows. A tool's gate keeps one limiter for its
/// life; a stricter bound declared later gives it a new bucket.
/// </summary>
/// <remarks>
/// <para><see cref="TokenBucketRateLimiter"/> reads the real clock and takes no <see cref="TimeProvider"/>, so its
/// automatic replenishment is off and our timer calls <see cref="TokenBucketRateLimiter.TryReplenish"/>.</para>
/// <para>A bucket cannot change its limit, so a stricter bound builds a new one and swaps the reference; the old bucket
/// is never disposed, because a call on the fast path may be taking a permit from it. Leaving it to the GC releases
/// everything it holds: with automatic replenishment off a bucket creates no timer (dotnet/runtime,
/// TokenBucketRateLimiter's constructor creates its Timer only when AutoReplenishment is on) and holds no handle, only
/// counters, its options and an empty queue (we never call AcquireAsync); its Dispose would only dispose that absent
/// timer and fail queued requests, of which there are none.</para>
/// </remarks>
internal sealed class ToolRateLimiter : IDisposable
{
    // Orders refills, tightening and disposal with each other; taking a permit never waits for it.
    private readonly Lock _refill = new();
    private readonly ITimer _timer;
    private readonly Action _onRefilled;
    private TokenBucketRateLimiter _bucket;
    private RateLimitBound _bound;
    private bool _disposed;

    /// <param name="bound">The limit to start with.</param>
    /// <param name="timeProvider">The clock whose timer marks the windows.</param>
    /// <param name="onRefilled">Called after each refill, so waiting calls can take the new permits.</param>
    public ToolRateLimiter(RateLimitBound bound, TimeProvider timeProvider, Action onRefilled)
    {
        _bound = bound;
        _bucket = CreateBucket(bound.Permits);
        _onRefilled = onRefilled;
        _timer = timeProvider.CreateTimer(static state => ((ToolRateLimiter)state!).Refill(), this, bound.Window, bound.Window);
        LiveResourceCounters.TimerCreated();
    }

    /// <summary>The limit in force: the strictest declared so far.</summary>
    public RateLimitBound Bound => Volatile.Read(ref _bound);

    /// <summary>Takes one start permit if one is left in this window.</summary>
    public bool TryTake()
    {
        // One volatile read and AttemptAcquire: no lock of ours, and no allocation when a permit is granted (the bucket
        // hands out one cached lease for every success; only a refusal allocates its lease).
        TokenBucketRateLimiter bucket = Volatile.Read(ref _bucket);
        using (RateLimitLease lease = bucket.AttemptAcquire())
        {
            if (lease.IsAcquired)
            {
                return true;
            }
        }

        // Refused by a bucket a stricter bound has just retired (drained): the new one decides.
        return !ReferenceEquals(bucket, Volatile.Read(ref _bucket)) && TryTake();
    }

    /// <summary>
    /// Applies <paramref name="bound"/> if it is stricter than the one in force (see
    /// <see cref="RateLimitBound.IsStricterThan"/>). The starts already made in this window count against it, and the
    /// next window begins a full new window from now: no window ever sees more starts than either bound allows.
    /// </summary>
    public void Tighten(RateLimitBound bound)
    {
        lock (_refill)
        {
            RateLimitBound current = _bound;
            if (_disposed || !bound.IsStricterThan(current))
            {
                return;
            }

            // Empty the old bucket first: after this no start can come from it, so the count of starts made in this
            // window is exact. A call refused by the emptied bucket before the swap below waits for (or, in reject mode,
            // is refused by) the new window: never more starts than the stricter bound, at worst one fewer.
            int used = current.Permits - Drain(_bucket);
            TokenBucketRateLimiter next = CreateBucket(bound.Permits);
            int counted = Math.Min(used, bound.Permits);
            if (counted > 0)
            {
                // No one else can see this bucket yet, so the permits are there to take.
                using RateLimitLease lease = next.AttemptAcquire(counted);
            }

            Volatile.Write(ref _bound, bound);
            Volatile.Write(ref _bucket, next);
            _timer.Change(bound.Window, bound.Window);
        }
    }

    /// <summary>Stops the refills. Permits can still be taken until those left are used up.</summary>
    public void Dispose()
    {
        lock (_refill)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
        }

        LiveResourceCounters.TimerDisposed();
    }

    private static TokenBucketRateLimiter CreateBucket(int permits) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = permits,
        // With automatic replenishment off, TryReplenish adds TokensPerPeriod per ReplenishmentPeriod of real time
        // since the previous replenishment, capped at TokenLimit (dotnet/runtime, TokenBucketRateLimiter.ReplenishInternal).
        // With TokensPerPeriod = permits, a refill less than 100 ns after the last would come up short; the shortest
        // period and the largest count make any elapsed Stopwatch tick a full refill, so each tick of our timer is
        // exactly one whole new window.
        TokensPerPeriod = int.MaxValue,
        ReplenishmentPeriod = TimeSpan.FromTicks(1),
        AutoReplenishment = false,
        QueueLimit = 0,
    });

    /// <summary>Takes every permit left in <paramref name="bucket"/>; returns how many there were.</summary>
    private static int Drain(TokenBucketRateLimiter bucket)
    {
        int drained = 0;
        while (bucket.GetStatistics()!.CurrentAvailablePermits is > 0 and var available)
        {
            using RateLimitLease lease = bucket.AttemptAcquire((int)available);
            if (lease.IsAcquired)
            {
                drained += (int)available;
            }
        }

        return drained;
    }

    private void Refill()
    {
        // Under the lock, so a refill never lands in a bucket that Tighten has drained and retired.
        lock (_refill)
        {
            Volatile.Read(ref _bucket).TryReplenish();
        }

        _onRefilled();
    }
}
