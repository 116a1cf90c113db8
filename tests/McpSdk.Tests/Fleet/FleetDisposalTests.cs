using System;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Scheduling;
using McpSdk.Tests.Servers;
using Xunit;

namespace McpSdk.Tests.Fleet;

/// <summary>Two connections of one fleet in this process, on a Redis of the test's own.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetDisposalTests
{
    [Fact]
    public async Task Disposing_the_connection_fails_a_call_waiting_for_a_fleet_slot_another_replica_holds()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        var server = new TestToolServer();
        await using McpConnection holder = await McpConnection.OpenAsync(server.Endpoint, FleetOptions(redis));
        McpConnection waiter = await McpConnection.OpenAsync(server.Endpoint, FleetOptions(redis));

        // The other replica holds all 4 fleet slots with calls that would run ten minutes.
        ISlowTools holding = holder.CreateClient<ISlowTools>();
        Task<string>[] held = Enumerable.Range(0, 4).Select(_ => holding.SlowAsync(600_000)).ToArray();
        while (server.MaxConcurrentSlowCalls < 4)
        {
            await Task.Delay(5);
        }

        // This replica's call is admitted locally and waits for the fleet.
        Task<string> waiting = waiter.CreateClient<ISlowTools>().SlowAsync(1);
        while (waiter.GetStats().Tools["slow"].InFlight < 1)
        {
            await Task.Delay(5);
        }

        await waiter.DisposeAsync();

        // As every pending call on disposal: it fails at once (the guard only turns a hang into a failure), gives its
        // local slot back, and never reached the server.
        ObjectDisposedException disposed = await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(disposed.Message.Contains("'slow'", StringComparison.Ordinal), disposed.ToString());
        McpToolStats stats = waiter.GetStats().Tools["slow"];
        Assert.Equal((1, 1, 0), (stats.Submitted, stats.Failed, stats.InFlight));
        Assert.Equal(4, server.MaxConcurrentSlowCalls);
        Assert.All(held, call => Assert.False(call.IsCompleted));
    }

    private static McpConnectionOptions FleetOptions(RedisServer redis)
    {
        var options = new McpConnectionOptions
        {
            Fleet = new McpFleetOptions { Redis = redis.ConnectionString, KeyPrefix = "disposal", SlotLease = TimeSpan.FromMinutes(5) },
        };
        options.ToolPolicies["slow"] = new McpToolPolicy { MaxConcurrencyScope = McpLimitScope.Fleet };
        return options;
    }
}
