using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Pool;

/// <summary>The pool against real server processes: server-everything over stdio, one node process per session.</summary>
public sealed class StdioPoolTests
{
    [Fact]
    public async Task A_burst_grows_the_pool_to_its_maximum_and_idleness_trims_it_back_to_the_minimum()
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(servers.Endpoint(), new McpConnectionOptions
        {
            MinSessions = 1,
            MaxSessions = 4,
            MaxCallsPerSession = 16,
            SessionIdleTimeout = TimeSpan.FromSeconds(2),
            HealthCheckInterval = TimeSpan.FromMilliseconds(100),
        });
        IPoolTools tools = connection.CreateClient<IPoolTools>();
        Assert.Single(servers.Pids());

        CallToolResult[] results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => tools.SlowAsync(duration: 0.5, steps: 1)));

        Assert.All(results, result => Assert.NotEqual(true, result.IsError));
        McpPoolStats grown = connection.GetStats().Pool;
        Assert.Equal(4, grown.Started);
        Assert.Equal(4, servers.Pids().Count);
        Assert.Equal(200, grown.Sessions.Sum(session => session.Calls));

        // How many of the new sessions came up in time to share the burst depends on how fast node starts here.
        Assert.True(grown.Sessions.Count(session => session.Calls > 0) >= 2, "The burst was not spread over the new sessions.");

        await WaitUntilAsync(() => connection.GetStats().Pool.Live == 1 && servers.Pids().Count == 1);
        Assert.Equal(3, connection.GetStats().Pool.Trimmed);
        Assert.Equal("Echo: still here", await tools.EchoAsync("still here"));
    }

    [Fact]
    public async Task Killing_a_server_process_mid_burst_loses_no_call_and_the_pool_heals()
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(servers.Endpoint(), new McpConnectionOptions
        {
            MinSessions = 2,
            MaxSessions = 2,
            MaxCallsPerSession = 20,
        });
        IPoolTools tools = connection.CreateClient<IPoolTools>();
        Assert.Equal(2, servers.Pids().Count);

        // Calls of 2 s, killed after 200 ms: even on a loaded machine, where the delay may stretch past a second, the first
        // wave (the 30 plain calls and 10 retried ones) is still running on both sessions when the victim dies.
        Task<CallToolResult>[] plain = Enumerable.Range(0, 30).Select(_ => tools.SlowAsync(duration: 2, steps: 1)).ToArray();
        Task<CallToolResult>[] retried = Enumerable.Range(0, 30).Select(_ => tools.SlowWithRetryAsync(duration: 2, steps: 1)).ToArray();
        await Task.Delay(200);
        int victim = servers.Pids()[0];
        Process.GetProcessById(victim).Kill();

        await Task.WhenAll(plain.Concat(retried).Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(retried, task => Assert.True(task.IsCompletedSuccessfully, $"A call with [Retry] failed: {task.Exception?.InnerException?.Message}"));
        foreach (Task<CallToolResult> task in plain)
        {
            Assert.True(
                task.IsCompletedSuccessfully || task.Exception?.InnerException is McpSessionLostException,
                $"Undocumented outcome: {task.Exception?.InnerException}");
        }

        Assert.Contains(plain, task => task.IsFaulted); // the kill did cost the unprotected calls on that session
        McpConnectionStats stats = connection.GetStats();
        Assert.Equal(stats.Total.Submitted, stats.Total.Succeeded + stats.Total.Failed + stats.Total.Cancelled);
        Assert.True(stats.Total.Retried > 0);

        await WaitUntilAsync(() => connection.GetStats().Pool.Live == 2);
        Assert.Equal(1, connection.GetStats().Pool.Faulted);
        Assert.Equal(1, connection.GetStats().Pool.Replaced);
        Assert.DoesNotContain(victim, servers.Pids());
        Assert.Equal("Echo: healed", await tools.EchoAsync("healed"));
    }

    [Fact]
    public async Task Disposing_during_a_burst_ends_every_server_process_and_every_call()
    {
        var servers = new ServerProcesses();
        McpConnection connection = await McpConnection.OpenAsync(servers.Endpoint(), new McpConnectionOptions
        {
            MinSessions = 2,
            MaxSessions = 3,
            MaxCallsPerSession = 5,
        });
        IPoolTools tools = connection.CreateClient<IPoolTools>();
        Task<CallToolResult>[] burst = Enumerable.Range(0, 40).Select(_ => tools.SlowAsync(duration: 5, steps: 1)).ToArray();
        await Task.Delay(300);
        Assert.True(servers.Pids().Count >= 2);

        await connection.DisposeAsync();

        await Task.WhenAll(burst.Select(task => task.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(burst, task => Assert.True(
            task.Exception?.InnerException is McpSessionLostException or ObjectDisposedException,
            $"Unexpected outcome: {task.Status} {task.Exception?.InnerException}"));
        await WaitUntilAsync(() => servers.Pids().Count == 0);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }
}
