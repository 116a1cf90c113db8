using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using Xunit;

namespace McpSdk.Tests.Fleet;

/// <summary>
/// One replica of a fleet: tests/McpSdk.FleetHost as its own process (one connection to the fault server, fleet on the
/// test's Redis), driven by commands on its stdin. Killed by PID when disposed if it has not quit.
/// </summary>
internal sealed class FleetReplica : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private FleetReplica(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, line) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public static async Task<FleetReplica> StartAsync(Uri server, RedisServer redis, string prefix, McpFleetFailureMode mode, int replicas = 3, int leaseMilliseconds = 2_000, int pollMilliseconds = 20)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            BuiltProgram.PathOf("tests/McpSdk.FleetHost", "McpSdk.FleetHost.dll"), server.ToString(), redis.ConnectionString, prefix, mode.ToString(),
            replicas.ToString(CultureInfo.InvariantCulture), leaseMilliseconds.ToString(CultureInfo.InvariantCulture),
            pollMilliseconds.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var replica = new FleetReplica(Process.Start(start)!);
        Assert.Equal("ready", await replica.ReadLineAsync(TimeSpan.FromSeconds(60)));
        return replica;
    }

    /// <summary>Runs <paramref name="calls"/> calls of the slot or rate tool, <paramref name="parallel"/> at a time, each <paramref name="ms"/> long at the server.</summary>
    public async Task<RunResult> RunAsync(string tool, int calls, int parallel, int ms, TimeSpan? timeout = null)
    {
        string line = await CommandAsync($"run {tool} {calls} {parallel} {ms}", timeout ?? TimeSpan.FromSeconds(120));
        return RunResult.Parse(line, calls);
    }

    /// <summary>Starts <paramref name="calls"/> slot calls of <paramref name="ms"/> each and returns at once.</summary>
    public async Task HoldAsync(int calls, int ms) => Assert.Equal("holding", await CommandAsync($"hold {calls} {ms}", TimeSpan.FromSeconds(10)));

    /// <summary>Waits until a call is admitted through Redis again (not a fallback).</summary>
    public async Task AssertRedisBackAsync() => Assert.Equal("redis-ok", await CommandAsync("probe", TimeSpan.FromSeconds(40)));

    /// <summary>Kills the process by its PID, as a crash would end it.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
                using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(exited.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or System.IO.IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task<string> CommandAsync(string command, TimeSpan timeout)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync(timeout);
    }

    private async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            line = null;
        }

        if (line is null)
        {
            string stderr;
            lock (_stderr)
            {
                stderr = _stderr.ToString();
            }

            Assert.Fail($"Fleet replica {_process.Id} gave no answer within {timeout.TotalSeconds:0} s (exited: {_process.HasExited}). stderr:\n{stderr}");
        }

        return line!;
    }
}

/// <summary>What a replica's <c>run</c> command reports.</summary>
internal sealed record RunResult(int Ok, int FleetRejected, int Other, int Hung, long Fallbacks, long Submitted, long Accounted, long ElapsedMilliseconds, string Line)
{
    public static RunResult Parse(string line, int calls)
    {
        Match match = Regex.Match(line, @"^done ok=(\d+) fleet-rejected=(\d+) other=(\d+) hung=(\d+) fallbacks=(\d+) submitted=(\d+) accounted=(\d+) elapsed-ms=(\d+)");
        Assert.True(match.Success, "Unexpected answer: " + line);
        long Get(int group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        var result = new RunResult((int)Get(1), (int)Get(2), (int)Get(3), (int)Get(4), Get(5), Get(6), Get(7), Get(8), line);

        // Every call accounted for, in the replica and by the connection's own statistics; none hung.
        Assert.True(result.Ok + result.FleetRejected + result.Other == calls, "Calls unaccounted for: " + line);
        Assert.True(result.Hung == 0, "A call hung: " + line);
        Assert.True(result.Submitted == result.Accounted, "The connection's statistics do not add up: " + line);
        return result;
    }
}

/// <summary>The fault server's witness of one counted tool: most calls at once, calls, and each start (server clock, ms).</summary>
internal sealed record CounterSnapshot(int Max, int Current, long Calls, double[] Starts)
{
    /// <summary>The most starts in any interval of <paramref name="window"/> (half-open) on the server's clock.</summary>
    public int MostStartsWithin(TimeSpan window)
    {
        int most = 0, first = 0;
        for (int last = 0; last < Starts.Length; last++)
        {
            while (Starts[last] - Starts[first] >= window.TotalMilliseconds)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }
}
