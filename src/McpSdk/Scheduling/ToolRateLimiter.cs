using System;
using System.Threading;
using System.Threading.RateLimiting;
using McpSdk.Diagnostics;

namespace McpSdk.Scheduling;

/// <summary>
/// A tool's token bucket (System.Threading.RateLimiting) refilled by a timer of the connection's
/// <see cref="TimeProvider"/>, so that tests on a fake clock see exact windows.
/// </summary>
/// <remarks>
/// <see cref="TokenBucketRateLimiter"/> reads the real clock and takes no <see cref="TimeProvider"/>. With
/// automatic replenishment off and a one-tick period, each <see cref="TokenBucketRateLimiter.TryReplenish"/>
/// refills the bucket to its limit, so the window boundaries are exactly the ticks of our timer.
/// </remarks>
internal sealed class ToolRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly ITimer _timer;
    private int _disposed;

    public ToolRateLimiter(int permits, TimeSpan window, TimeProvider timeProvider, Action onReplenished)
    {
        Permits = permits;
        Window = window;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = TimeSpan.FromTicks(1),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
        _timer = timeProvider.CreateTimer(
            static state =>
            {
                var (limiter, callback) = ((ToolRateLimiter, Action))state!;
                limiter._bucket.TryReplenish();
                callback();
            },
            (this, onReplenished),
            window,
            window);
        LiveResourceCounters.TimerCreated();
    }

    public int Permits { get; }

    public TimeSpan Window { get; }

    /// <summary>Whether this limit lets more calls start per second than <paramref name="permits"/> per <paramref name="window"/>.</summary>
    public bool AllowsMoreThan(int permits, TimeSpan window) => Permits / Window.TotalSeconds > permits / window.TotalSeconds;

    /// <summary>Takes one start permit if one is left in this window.</summary>
    public bool TryTake()
    {
        using RateLimitLease lease = _bucket.AttemptAcquire(1);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer.Dispose();
        LiveResourceCounters.TimerDisposed();
        _bucket.Dispose();
    }
}
