using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Tests.Peers;
using ModelContextProtocol.Client;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Reliability;

/// <summary>Leak checks read process-wide counters, so nothing else may open or close connections meanwhile.</summary>
[CollectionDefinition(nameof(LeakChecks), DisableParallelization = true)]
public sealed class LeakChecks
{
}

/// <summary>
/// After a connection is disposed, nothing it opened is left: no server process (stdio), no HTTP session on the server,
/// no undisposed session, no timer, no background task (<see cref="LiveResourceCounters"/>), after a workload that grew
/// the pool, lost a session to a fault and had it replaced, rate-limited a tool and cancelled a hanging call.
/// </summary>
[Collection(nameof(LeakChecks))]
public sealed class LeakTests(ITestOutputHelper output)
{
    private static readonly McpConnectionOptions s_options = new() { MinSessions = 1, MaxSessions = 3, MaxCallsPerSession = 2 };

    [Fact]
    public async Task A_disposed_stdio_pool_leaves_no_process_session_timer_or_task()
    {
        LiveResources before = await SettledAsync();
        var servers = new ServerProcesses();
        McpConnection connection = await McpConnection.OpenAsync(FaultServer.Endpoint(servers.Marker), s_options);
        try
        {
            LiveResources during = await WorkAsync(connection, "crash-now");
            Assert.True(servers.Pids().Count >= 1);
            output.WriteLine($"before {before}, during {during}, server processes {servers.Pids().Count}");
        }
        finally
        {
            await connection.DisposeAsync();
        }

        await AssertBackToAsync(before);
        Assert.Empty(servers.Pids()); // disposal waited for the processes to end
    }

    [Fact]
    public async Task A_disposed_HTTP_pool_leaves_no_server_session_timer_or_task()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();
        LiveResources before = await SettledAsync();
        McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Http(server.Uri, new McpHttpOptions { TransportMode = HttpTransportMode.StreamableHttp }), s_options);
        try
        {
            LiveResources during = await WorkAsync(connection, "http-404-session");
            output.WriteLine($"before {before}, during {during}, open HTTP sessions {await server.OpenSessionsAsync()}");
        }
        finally
        {
            await connection.DisposeAsync();
        }

        await AssertBackToAsync(before);
        Assert.Equal(0, await server.OpenSessionsAsync()); // every session still open was ended with DELETE
    }

    [Fact]
    public async Task A_connection_disposed_before_it_opened_leaves_nothing()
    {
        LiveResources before = await SettledAsync();
        var servers = new ServerProcesses();
        McpConnection connection = McpConnection.Create(FaultServer.Endpoint(servers.Marker));
        Assert.Equal(before.Connections + 1, LiveResourceCounters.Snapshot().Connections);
        await connection.DisposeAsync();

        await AssertBackToAsync(before);
        Assert.Empty(servers.Pids());
    }

    /// <summary>Grows the pool, loses a session to <paramref name="killer"/>, cancels a hang; returns the counts mid-way.</summary>
    private static async Task<LiveResources> WorkAsync(McpConnection connection, string killer)
    {
        IFaultsWithRateLimit tools = connection.CreateClient<IFaultsWithRateLimit>();
        Assert.Equal("ok", await tools.OkAsync());
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            Task hang = tools.HangAsync(cancel.Token);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tools.SlowAsync(500)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hang);
        }

        // The queue asked for more sessions; a stdio server may take a while to start on a busy machine.
        var opening = Stopwatch.StartNew();
        while (connection.GetStats().Pool.Live < 2 && opening.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        LiveResources during = LiveResourceCounters.Snapshot();
        Assert.True(during.Sessions >= 2, $"The pool should have grown: {during}.");
        Assert.True(during.Timers >= 2, $"The pool's health timer and the rate limit's timer: {during}.");

        Task lost = killer == "crash-now" ? tools.CrashNowAsync() : tools.Http404SessionAsync();
        await Assert.ThrowsAsync<McpSessionLostException>(() => lost);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                Assert.Equal("ok", await tools.OkAsync());
                break;
            }
            catch (McpSessionLostException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
            }
        }

        Assert.True(connection.GetStats().Pool.Faulted >= 1);
        return during;
    }

    /// <summary>The counts once they stop moving (background work of earlier tests may still be ending).</summary>
    private static async Task<LiveResources> SettledAsync()
    {
        LiveResources last = LiveResourceCounters.Snapshot();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            LiveResources now = LiveResourceCounters.Snapshot();
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        return last;
    }

    private static async Task AssertBackToAsync(LiveResources before)
    {
        var clock = Stopwatch.StartNew();
        LiveResources now = LiveResourceCounters.Snapshot();
        while (now != before && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            now = LiveResourceCounters.Snapshot();
        }

        Assert.Equal(before, now);
    }
}
