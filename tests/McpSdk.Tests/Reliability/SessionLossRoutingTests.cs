using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Reliability;

/// <summary>What happens to the call right after a server process dies under another call.</summary>
public sealed class SessionLossRoutingTests(ITestOutputHelper output)
{
    // Found by the fault matrix: the pool kept a dead session routable until the SDK completed it, which can lag the
    // failure of the calls on it. A call that fails with a lost session now retires its session at once.
    [Theory]
    [InlineData("crash-now", 1)]
    [InlineData("crash-now", 20)]
    [InlineData("crash-after", 20)]
    [InlineData("partial", 20)]
    public async Task The_call_after_a_crash_is_not_routed_to_the_dead_session(string fault, int concurrent)
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(
            FaultServer.Endpoint(servers.Marker), new McpConnectionOptions { MinSessions = 1, MaxSessions = 2, MaxCallsPerSession = 16 });
        IFaultsPlain tools = connection.CreateClient<IFaultsPlain>();
        Assert.Equal("ok", await tools.OkAsync());

        // The crash is known to the caller: its call has already failed with McpSessionLostException.
        Task[] crashes = new Task[concurrent];
        for (int i = 0; i < concurrent; i++)
        {
            crashes[i] = fault switch { "crash-now" => tools.CrashNowAsync(), "partial" => tools.PartialAsync(), _ => tools.CrashAfterAsync(5) };
        }

        foreach (Task crash in crashes)
        {
            await crash.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Assert.Contains(crashes, crash => crash.Exception?.InnerException is McpSessionLostException);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        while (true)
        {
            try
            {
                await tools.OkAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
                break;
            }
            catch (McpSessionLostException e) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                failures.Add($"{clock.ElapsedMilliseconds} ms: {e.Message.Split('\n')[0]}");
            }
        }

        output.WriteLine($"{failures.Count} ok calls failed after the crash, first success after {clock.ElapsedMilliseconds} ms:\n{string.Join("\n", failures)}");
        Assert.Empty(failures);
    }
    // Found by the HTTP fault matrix: a failed HTTP request (500, reset, cut event stream) makes its session a suspect,
    // and while the only session was a suspect every call failed at once for want of a live session (tens of thousands
    // of failed probes in a tight loop). Now a suspect gives up its capacity and calls wait for the ping's verdict.
    [Theory]
    [InlineData("http-500")]
    [InlineData("http-reset")]
    [InlineData("sse-cut")]
    public async Task Calls_behind_a_failed_HTTP_request_wait_for_the_session_instead_of_failing(string fault)
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Http(server.Uri, new McpHttpOptions { TransportMode = ModelContextProtocol.Client.HttpTransportMode.StreamableHttp }),
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 1 });
        IFaultsPlain tools = connection.CreateClient<IFaultsPlain>();
        Assert.Equal("ok", await tools.OkAsync());

        Task failed = fault switch { "http-500" => tools.Http500Async(), "http-reset" => tools.HttpResetAsync(), _ => tools.SseCutAsync() };
        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => failed);
        Assert.Equal(fault, lost.ToolName);
        string[] answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tools.OkAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token)));

        Assert.All(answers, answer => Assert.Equal("ok", answer));
        McpPoolStats pool = connection.GetStats().Pool;
        Assert.Equal(0, pool.Faulted); // the session survived its failed request
        Assert.Equal(1, pool.Live);
        output.WriteLine($"{fault}: {lost.Message}");
    }
}
