using System;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Scheduling;
using McpSdk.Tests.Servers;
using StackExchange.Redis;
using Xunit;

namespace McpSdk.Tests.Fleet;

/// <summary>A fleet rate (the sliding log on Redis's clock) seen from one connection, on a Redis of the test's own.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetRateTests
{
    [Fact]
    public async Task A_call_waiting_for_a_fleet_rate_permit_asks_Redis_again_once_when_Redis_said_one_frees()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, RateOptions(redis, RateLimitMode.Wait));
        ISlowTools tools = connection.CreateClient<ISlowTools>();
        await tools.SlowAsync(1); // warm: the multiplexer connects; 1 of the 2 permits of this window
        IServer redisServer = admin.GetServers()[0];
        await redisServer.ConfigResetStatisticsAsync();

        // The second permit is granted at once; the third call finds none left and is told when the first leaves the
        // window (1 s after it was granted), so it waits that long and asks once more.
        await Task.WhenAll(tools.SlowAsync(1), tools.SlowAsync(1));

        // 3 scripts: granted, refused with the time to wait, granted. A 20 ms poll would have asked about 50 times.
        Assert.Equal(3, await RedisCommandStats.CallsAsync(redisServer, "eval", "evalsha"));
        Assert.Equal(3, server.Calls.Count(call => call.Tool == "slow"));
    }

    [Fact]
    public async Task A_fleet_rate_in_Reject_mode_refuses_the_call_beyond_the_limit_naming_the_fleet()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, RateOptions(redis, RateLimitMode.Reject));
        ISlowTools tools = connection.CreateClient<ISlowTools>();

        await tools.SlowAsync(1);
        await tools.SlowAsync(1);
        McpRateLimitedException refused = await Assert.ThrowsAsync<McpRateLimitedException>(() => tools.SlowAsync(1));

        Assert.Equal("rate", refused.Fleet);
        Assert.Contains("across fleet 'rate'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Calls.Count(call => call.Tool == "slow"));
        McpToolStats stats = connection.GetStats().Tools["slow"];
        Assert.Equal((3L, 2L, 1L, 0L), (stats.Submitted, stats.Succeeded, stats.Failed, stats.FleetFallbacks));
    }

    private static McpConnectionOptions RateOptions(RedisServer redis, RateLimitMode mode)
    {
        var options = new McpConnectionOptions { Fleet = new McpFleetOptions { Redis = redis.ConnectionString, KeyPrefix = "rate" } };
        options.ToolPolicies["slow"] = new McpToolPolicy { RateLimitPermits = 2, RateLimitPerSeconds = 1, RateLimitMode = mode, RateLimitScope = McpLimitScope.Fleet };
        return options;
    }
}
