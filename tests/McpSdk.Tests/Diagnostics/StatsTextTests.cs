using System;
using System.Collections.Generic;
using Xunit;

namespace McpSdk.Tests.Diagnostics;

public sealed class StatsTextTests
{
    private static readonly McpToolStats s_echo = new()
    {
        Submitted = 12, Succeeded = 9, Failed = 2, Cancelled = 1, Rejected = 1, TimedOut = 1, Retried = 3, InFlight = 0,
        Latency = new McpLatency(11, TimeSpan.FromMilliseconds(2.5), TimeSpan.FromMilliseconds(1.25), TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(41)),
    };

    private static readonly McpToolStats s_sum = new()
    {
        Submitted = 3, Succeeded = 1, InFlight = 2, Queued = new McpQueuedCounts(0, 1, 0, 0),
    };

    [Fact]
    public void Connection_stats_print_one_line_per_tool_between_the_total_and_the_pool()
    {
        var stats = new McpConnectionStats(
            new McpToolStats { Submitted = 15, Succeeded = 10, Failed = 2, Cancelled = 1, Rejected = 1, TimedOut = 1, Retried = 3, InFlight = 2 },
            new Dictionary<string, McpToolStats> { ["get-sum"] = s_sum, ["echo"] = s_echo })
        {
            Pool = new McpPoolStats { Live = 2, Starting = 1, Started = 4, Faulted = 1, Replaced = 1, Trimmed = 1, StartFailures = 0 },
        };

        Assert.Equal(
            "total: 15 calls: 10 succeeded, 2 failed (1 rejected, 1 timed out), 1 cancelled, 3 retried; 2 in flight, 0 queued\n" +
            "  echo: 12 calls: 9 succeeded, 2 failed (1 rejected, 1 timed out), 1 cancelled, 3 retried; 0 in flight, 0 queued; latency mean 2.5 ms, p50 1.25 ms, p99 40 ms, max 41 ms\n" +
            "  get-sum: 3 calls: 1 succeeded, 0 failed, 0 cancelled, 0 retried; 2 in flight, 1 queued\n" +
            "sessions: 2 live, 1 starting; 4 started, 1 faulted, 1 replaced, 1 trimmed, 0 failed to start",
            stats.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Tool_stats_print_as_one_readable_line()
    {
        Assert.Equal(
            "12 calls: 9 succeeded, 2 failed (1 rejected, 1 timed out), 1 cancelled, 3 retried; 0 in flight, 0 queued; latency mean 2.5 ms, p50 1.25 ms, p99 40 ms, max 41 ms",
            s_echo.ToString());
    }

    [Fact]
    public void Stats_print_the_same_in_every_culture()
    {
        System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Contains("mean 2.5 ms", s_echo.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
