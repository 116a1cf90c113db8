using System;
using System.Threading.Tasks;
using McpSdk.Tests.Reliability;
using StackExchange.Redis;
using Xunit;

namespace McpSdk.Tests.Fleet;

/// <summary>Fleet slot waiters in one process woken by another process's release (Redis pub/sub), not by their poll.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetReleaseWakeTests
{
    [Fact]
    public async Task A_replica_waiting_for_a_fleet_slot_is_granted_when_another_replica_returns_one_not_at_its_next_poll()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();
        string prefix = "fleet-wake-" + Guid.NewGuid().ToString("N")[..8];

        // Leases of a minute, so no renewal script runs during the test. The waiter polls every 5 minutes, longer than
        // its calls may wait (60 s, then counted as hung): only a release heard on pub/sub can admit them.
        await using FleetReplica holder = await FleetReplica.StartAsync(server.Uri, redis, prefix, McpFleetFailureMode.FailOpen, replicas: 2, leaseMilliseconds: 60_000);
        await using FleetReplica waiter = await FleetReplica.StartAsync(server.Uri, redis, prefix, McpFleetFailureMode.FailOpen, replicas: 2, leaseMilliseconds: 60_000, pollMilliseconds: 300_000);
        Assert.Equal(1, (await waiter.RunAsync("slot", 1, 1, 1)).Ok); // warm: JIT, HTTP, Redis, scripts

        // The holder takes all 4 fleet slots for 3 s at the server; then the waiter's 4 calls find the fleet full.
        await holder.HoldAsync(4, 3_000);
        while ((await server.CounterAsync("counted")).Current < 4)
        {
            await Task.Delay(20);
        }

        using ConnectionMultiplexer admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        IServer stats = admin.GetServers()[0];
        await stats.ConfigResetStatisticsAsync();
        RunResult result = await waiter.RunAsync("slot", 4, 4, 10);

        Assert.Equal(4, result.Ok);
        Assert.Equal(0, result.Fallbacks);

        // Counted at Redis: each return published once (the holder's 4, the waiter's 4). Scripts: the 8 returns, 4 granted
        // asks, and the refused ones: at least 1 (the call at the head of the waiter's line, which then waited), at most
        // one per call that asked before anyone of its tool waited (4) and one per release that a sibling's ask took
        // first (4). So 13 to 20; no poll ran, or the calls would have hung.
        // A slot's return is sent without waiting for Redis's answer, so the waiter's last returns may still be on their
        // way when its calls complete: give them a moment (bounded) to land before counting.
        for (int wait = 0; wait < 100 && await RedisCommandStats.CallsAsync(stats, "publish") < 8; wait++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(8, await RedisCommandStats.CallsAsync(stats, "publish"));
        Assert.InRange(await RedisCommandStats.CallsAsync(stats, "eval", "evalsha"), 13, 20);
    }
}
