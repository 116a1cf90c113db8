using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Scheduling;
using McpSdk.Tests.Servers;
using StackExchange.Redis;
using Xunit;

namespace McpSdk.Tests.Fleet;

/// <summary>
/// A Redis that accepts connections and commands but never answers (<c>CLIENT PAUSE … ALL</c> on a Redis of the test's
/// own): only <see cref="McpFleetOptions.OperationTimeout"/> can end a call's wait, since the multiplexer's own timeouts
/// are set to 30 s. A call asks Redis at most twice (a slot, then a rate permit) before it is admitted or falls back, so
/// every call ends within 2 × OperationTimeout; the ceiling asserted adds 2 s for scheduling on this shared machine,
/// far below the 30 s a call would wait without the option.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed class FleetHangingRedisTests
{
    private const int Calls = 12;
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Ceiling = (2 * OperationTimeout) + TimeSpan.FromSeconds(2);

    [Fact]
    public async Task With_Redis_hung_FailOpen_completes_every_call_under_the_local_share_within_twice_the_operation_timeout()
    {
        (Task<string>[] calls, TimeSpan elapsed, McpToolStats stats) = await RunWithRedisHungAsync(McpFleetFailureMode.FailOpen);

        Assert.All(calls, call => Assert.Equal("slow done", call.Result));
        Assert.Equal(Calls, stats.FleetFallbacks);
        Assert.True(elapsed <= Ceiling, $"{Calls} calls took {elapsed.TotalMilliseconds:0} ms with Redis hung (ceiling {Ceiling.TotalMilliseconds:0} ms).");
    }

    [Fact]
    public async Task With_Redis_hung_FailClosed_fails_every_call_typed_naming_the_fleet_within_twice_the_operation_timeout()
    {
        (Task<string>[] calls, TimeSpan elapsed, McpToolStats stats) = await RunWithRedisHungAsync(McpFleetFailureMode.FailClosed);

        Assert.All(calls, call =>
        {
            McpRateLimitedException refused = Assert.IsType<McpRateLimitedException>(call.Exception?.InnerException);
            Assert.Equal("hung", refused.Fleet);
            Assert.Contains("FailClosed", refused.Message, StringComparison.Ordinal);
        });
        Assert.Equal(Calls, stats.FleetFallbacks);
        Assert.True(elapsed <= Ceiling, $"{Calls} calls took {elapsed.TotalMilliseconds:0} ms with Redis hung (ceiling {Ceiling.TotalMilliseconds:0} ms).");
    }

    /// <summary>Warms the fleet through Redis, pauses Redis, then runs <see cref="Calls"/> calls at once and waits for every one to end.</summary>
    private static async Task<(Task<string>[] Calls, TimeSpan Elapsed, McpToolStats Stats)> RunWithRedisHungAsync(McpFleetFailureMode mode)
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        var server = new TestToolServer();
        var options = new McpConnectionOptions
        {
            Fleet = new McpFleetOptions
            {
                Redis = redis.ConnectionString + ",asyncTimeout=30000,syncTimeout=30000",
                KeyPrefix = "hung",
                FailureMode = mode,
                OperationTimeout = OperationTimeout,
                RetryRedisAfter = TimeSpan.FromMinutes(1), // one outage for the whole test: every call below falls back once
            },
        };
        options.ToolPolicies["slow"] = new McpToolPolicy
        {
            MaxConcurrencyScope = McpLimitScope.Fleet, // [MaxConcurrency(4)]
            RateLimitPermits = 1_000,
            RateLimitScope = McpLimitScope.Fleet,
        };
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, options);
        try
        {
            ISlowTools tools = connection.CreateClient<ISlowTools>();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tools.SlowAsync(1)));
            Assert.Equal(0, connection.GetStats().Tools["slow"].FleetFallbacks);

            using (ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true"))
            {
                await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "60000", "ALL");
            }

            var clock = Stopwatch.StartNew();
            Task<string>[] calls = Enumerable.Range(0, Calls).Select(_ => tools.SlowAsync(1)).ToArray();
            try
            {
                // The guard only turns a hang into a failure here; the bound is asserted by the caller.
                await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (McpRateLimitedException)
            {
                // FailClosed: each call's outcome is inspected by the caller.
            }

            TimeSpan elapsed = clock.Elapsed;
            McpToolStats stats = connection.GetStats().Tools["slow"];
            Assert.Equal(4 + Calls, stats.Submitted);
            Assert.Equal(stats.Submitted, stats.Succeeded + stats.Failed + stats.Cancelled);
            return (calls, elapsed, stats);
        }
        finally
        {
            // Gone rather than paused, so the connection's disposal does not wait on it.
            await redis.StopAsync();
        }
    }
}
