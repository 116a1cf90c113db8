using System.Collections.Generic;
using System.Linq;

namespace McpSdk.Soak;

/// <summary>The counters of every connection a run opened (<c>--reopen-every</c> opens several), added up.</summary>
internal static class ConnectionStatsSum
{
    public static McpConnectionStats Of(IReadOnlyList<McpConnectionStats> all)
    {
        McpConnectionStats last = all[^1];
        var total = new McpToolStats
        {
            Submitted = all.Sum(s => s.Total.Submitted),
            Succeeded = all.Sum(s => s.Total.Succeeded),
            Failed = all.Sum(s => s.Total.Failed),
            Cancelled = all.Sum(s => s.Total.Cancelled),
            Rejected = all.Sum(s => s.Total.Rejected),
            TimedOut = all.Sum(s => s.Total.TimedOut),
            Retried = all.Sum(s => s.Total.Retried),
            InFlight = all.Sum(s => s.Total.InFlight),
            Queued = new McpQueuedCounts(
                all.Sum(s => s.Total.Queued.Critical), all.Sum(s => s.Total.Queued.High), all.Sum(s => s.Total.Queued.Normal), all.Sum(s => s.Total.Queued.Low)),
            Latency = last.Total.Latency, // of the last connection: latencies do not add up
        };
        var pool = new McpPoolStats
        {
            Live = last.Pool.Live,
            Starting = last.Pool.Starting,
            Started = all.Sum(s => s.Pool.Started),
            Faulted = all.Sum(s => s.Pool.Faulted),
            Replaced = all.Sum(s => s.Pool.Replaced),
            Trimmed = all.Sum(s => s.Pool.Trimmed),
            StartFailures = all.Sum(s => s.Pool.StartFailures),
        };
        return new McpConnectionStats(total, last.Tools) { Pool = pool };
    }
}
