using System;
using System.Threading;
using McpSdk.Diagnostics;

namespace McpSdk.Scheduling;

/// <summary>
/// A tool's start permits: at most <see cref="RateLimitBound.Permits"/> starts per window, all refilled at each tick
/// of a timer of the connection's <see cref="TimeProvider"/>, so that tests on a fake clock see exact windows. A tool's
/// gate keeps one limiter for its life; a stricter bound declared later tightens it in place.
/// </summary>
/// <remarks>
/// <para>Taking a permit is one compare-and-swap loop, without a lock or an allocation.</para>
/// <para>Nothing a taker touches is ever disposed: <see cref="Dispose"/> only stops the refill timer. A call that read
/// the limiter just before a stricter bound was declared, or the connection was disposed, still gets a permit or a
/// refusal, never an <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
internal sealed class ToolRateLimiter : IDisposable
{
    // Orders refills, tightening and disposal with each other; taking a permit never waits for it.
    private readonly Lock _refill = new();
    private readonly ITimer _timer;
    private readonly Action _onRefilled;
    private RateLimitBound _bound;
    private int _available;
    private bool _disposed;

    /// <param name="bound">The limit to start with.</param>
    /// <param name="timeProvider">The clock whose timer marks the windows.</param>
    /// <param name="onRefilled">Called after each refill, so waiting calls can take the new permits.</param>
    public ToolRateLimiter(RateLimitBound bound, TimeProvider timeProvider, Action onRefilled)
    {
        _bound = bound;
        _available = bound.Permits;
        _onRefilled = onRefilled;
        _timer = timeProvider.CreateTimer(static state => ((ToolRateLimiter)state!).Refill(), this, bound.Window, bound.Window);
        LiveResourceCounters.TimerCreated();
    }

    /// <summary>The limit in force: the strictest declared so far.</summary>
    public RateLimitBound Bound => Volatile.Read(ref _bound);

    /// <summary>Takes one start permit if one is left in this window.</summary>
    public bool TryTake()
    {
        int available = Volatile.Read(ref _available);
        while (available > 0)
        {
            int seen = Interlocked.CompareExchange(ref _available, available - 1, available);
            if (seen == available)
            {
                return true;
            }

            available = seen;
        }

        return false;
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

            int available = Volatile.Read(ref _available);
            while (true)
            {
                int left = Math.Clamp(bound.Permits - (current.Permits - available), 0, available);
                int seen = Interlocked.CompareExchange(ref _available, left, available);
                if (seen == available)
                {
                    break;
                }

                available = seen;
            }

            Volatile.Write(ref _bound, bound);
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

    private void Refill()
    {
        lock (_refill)
        {
            Volatile.Write(ref _available, _bound.Permits);
        }

        _onRefilled();
    }
}
