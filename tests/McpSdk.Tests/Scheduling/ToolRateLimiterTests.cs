using System;
using McpSdk.Scheduling;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Scheduling;

/// <summary>
/// A tool's token bucket on the injected clock: whole windows at each tick, a stricter bound on its own window, and a
/// fast path that allocates nothing.
/// </summary>
public sealed class ToolRateLimiterTests
{
    [Fact]
    public void Each_tick_of_the_clock_refills_the_bucket_to_its_full_limit()
    {
        var clock = new FakeTimeProvider();
        int refills = 0;
        using var limiter = new ToolRateLimiter(new RateLimitBound(3, TimeSpan.FromSeconds(1)), clock, () => refills++);

        int[] taken = new int[5];
        for (int window = 0; window < taken.Length; window++)
        {
            taken[window] = Take(limiter, 10);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([3, 3, 3, 3, 3], taken);
        Assert.Equal(5, refills);
    }

    [Fact]
    public void A_stricter_bound_counts_the_window_so_far_then_refills_on_its_own_window_to_its_own_limit()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new ToolRateLimiter(new RateLimitBound(10, TimeSpan.FromSeconds(1)), clock, () => { });
        Assert.Equal(3, Take(limiter, 3));
        clock.Advance(TimeSpan.FromMilliseconds(500));

        limiter.Tighten(new RateLimitBound(4, TimeSpan.FromSeconds(2)));

        Assert.Equal(1, Take(limiter, 10));
        // The old window's tick (1 s after the start) no longer refills: the new window runs 2 s from the tightening.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Take(limiter, 10));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, Take(limiter, 10));
    }

    [Fact]
    public void A_looser_bound_changes_nothing()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new ToolRateLimiter(new RateLimitBound(2, TimeSpan.FromSeconds(1)), clock, () => { });
        Assert.Equal(1, Take(limiter, 1));

        limiter.Tighten(new RateLimitBound(10, TimeSpan.FromSeconds(1)));

        Assert.Equal(new RateLimitBound(2, TimeSpan.FromSeconds(1)), limiter.Bound);
        Assert.Equal(1, Take(limiter, 10));
    }

    [Fact]
    public void A_disposed_limiter_still_hands_out_the_permits_left_and_refills_no_more()
    {
        var clock = new FakeTimeProvider();
        var limiter = new ToolRateLimiter(new RateLimitBound(3, TimeSpan.FromSeconds(1)), clock, () => { });
        Assert.Equal(1, Take(limiter, 1));

        limiter.Dispose();

        Assert.Equal(2, Take(limiter, 10));
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Take(limiter, 10));
    }

    [Fact]
    public void Taking_a_permit_allocates_nothing()
    {
        using var limiter = new ToolRateLimiter(new RateLimitBound(1_000, TimeSpan.FromSeconds(1)), new FakeTimeProvider(), () => { });
        Assert.Equal(10, Take(limiter, 10));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int taken = Take(limiter, 500);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(500, taken);
        Assert.Equal(0, allocated);
    }

    /// <summary>Of <paramref name="attempts"/> takes, how many got a permit.</summary>
    private static int Take(ToolRateLimiter limiter, int attempts)
    {
        int taken = 0;
        for (int i = 0; i < attempts; i++)
        {
            if (limiter.TryTake())
            {
                taken++;
            }
        }

        return taken;
    }
}
