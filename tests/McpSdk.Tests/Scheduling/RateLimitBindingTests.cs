using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Scheduling;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Scheduling;

/// <summary>
/// Clients created later may bind a tool that already has a rate limit with another one: the strictest holds, whatever
/// the order, and the limiter a running call may hold is never disposed under it.
/// </summary>
public sealed class RateLimitBindingTests
{
    private static readonly DateTimeOffset s_start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void A_limiter_read_on_the_fast_path_still_works_after_a_stricter_limit_is_bound()
    {
        using var scheduler = new PriorityScheduler(null, null, 8, new FakeTimeProvider(s_start));
        ToolGate gate = scheduler.GetGate("quota", RateLimit(10, seconds: 1));

        // What a lock-free TryTake has read just before another CreateClient binds a stricter limit.
        ToolRateLimiter held = gate.RateLimiter!;
        scheduler.GetGate("quota", RateLimit(2, seconds: 1));

        Assert.True(held.TryTake());
        Assert.Equal(new RateLimitBound(2, TimeSpan.FromSeconds(1)), gate.RateLimiter!.Bound);
    }

    [Fact]
    public void Starts_already_made_in_the_window_count_against_a_stricter_limit_bound_in_it()
    {
        using var scheduler = new PriorityScheduler(null, null, 8, new FakeTimeProvider(s_start));
        ToolGate gate = scheduler.GetGate("quota", RateLimit(10, seconds: 1));
        Assert.Equal(3, StartsWithoutWaiting(scheduler, gate, 3));

        scheduler.GetGate("quota", RateLimit(4, seconds: 1));

        Assert.Equal(1, StartsWithoutWaiting(scheduler, gate, 10));
    }

    [Fact]
    public async Task The_strictest_rate_limit_holds_whichever_client_is_created_first()
    {
        int[] starts = new int[2];
        for (int order = 0; order < 2; order++)
        {
            var clock = new FakeTimeProvider(s_start);
            var session = new ScriptedSession();
            await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
            IBurstQuotaTools burst;
            ISpreadQuotaTools spread;
            if (order == 0)
            {
                burst = connection.CreateClient<IBurstQuotaTools>();
                spread = connection.CreateClient<ISpreadQuotaTools>();
            }
            else
            {
                spread = connection.CreateClient<ISpreadQuotaTools>();
                burst = connection.CreateClient<IBurstQuotaTools>();
            }

            Task<string>[] calls = Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? burst.QuotaAsync(i) : spread.QuotaAsync(i)).ToArray();
            starts[order] = session.StartedCount;

            // Let the rest through, a window at a time, so that nothing is left waiting.
            for (int window = 0; window < 20 && calls.Any(call => !call.IsCompleted); window++)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                await Task.Yield();
            }

            await Task.WhenAll(calls);
        }

        // Same rate (5 per second); 5 per 1 s allows the smaller burst, so it is the stricter bound.
        Assert.Equal([5, 5], starts);
    }

    private static CallPolicy RateLimit(int permits, int seconds) =>
        new() { RateLimitPermits = permits, RateLimitWindow = TimeSpan.FromSeconds(seconds), RateLimitMode = RateLimitMode.Reject };

    /// <summary>Of <paramref name="attempts"/> acquisitions (each released at once), how many got a permit.</summary>
    private static int StartsWithoutWaiting(PriorityScheduler scheduler, ToolGate gate, int attempts)
    {
        int started = 0;
        for (int i = 0; i < attempts; i++)
        {
            ValueTask admission = scheduler.AcquireAsync(gate, McpPriority.Normal, RateLimitMode.Reject, default);
            if (admission.IsCompletedSuccessfully)
            {
                started++;
                scheduler.Release(gate);
            }
            else
            {
                Assert.IsType<McpRateLimitedException>(admission.AsTask().Exception?.InnerException);
            }
        }

        return started;
    }
}
