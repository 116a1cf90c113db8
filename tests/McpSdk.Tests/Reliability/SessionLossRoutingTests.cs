using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
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
}

/// <summary>tests/McpSdk.FaultServer as a stdio endpoint, one process per session.</summary>
internal static class FaultServer
{
    public static McpEndpoint Endpoint(string marker)
    {
        // The fault server builds next to this test assembly's configuration: bin/<Configuration>/net10.0.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string server = Path.Combine(PeerServers.RepositoryRoot, "tests", "McpSdk.FaultServer", "bin", configuration, "net10.0", "FaultServer.dll");
        Assert.True(File.Exists(server), $"The fault server was not built at {server}.");
        return McpEndpoint.Stdio("dotnet", [server], new Dictionary<string, string?> { ["MCPSDK_TEST_MARKER"] = marker }, workingDirectory: null);
    }
}
