using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace McpSdk;

/// <summary>
/// A snapshot of a connection's counters, taken without stopping calls: each counter is read atomically, the
/// set as a whole is read while calls go on.
/// </summary>
/// <param name="Total">All tools together.</param>
/// <param name="Tools">Each tool that has been bound, by wire name.</param>
public sealed record McpConnectionStats(McpToolStats Total, IReadOnlyDictionary<string, McpToolStats> Tools)
{
    /// <summary>The session pool: live, starting and replaced sessions, and what each one carries.</summary>
    public McpPoolStats Pool { get; init; } = McpPoolStats.Empty;

    /// <summary>
    /// The snapshot as text for a console or a log: the total, one indented line per tool (by name), then the sessions.
    /// </summary>
    /// <example><code>
    /// total: 3 calls: 3 succeeded, 0 failed, 0 cancelled, 0 retried; 0 in flight, 0 queued; latency mean 1.2 ms, p50 1.1 ms, p99 2 ms, max 2 ms
    ///   echo: 3 calls: 3 succeeded, 0 failed, 0 cancelled, 0 retried; 0 in flight, 0 queued; latency mean 1.2 ms, p50 1.1 ms, p99 2 ms, max 2 ms
    /// sessions: 1 live, 0 starting; 1 started, 0 faulted, 0 replaced, 0 trimmed, 0 failed to start
    /// </code></example>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("total: ").Append(Total).Append('\n');
        foreach (KeyValuePair<string, McpToolStats> tool in Tools.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("  ").Append(tool.Key).Append(": ").Append(tool.Value).Append('\n');
        }

        return text.Append("sessions: ").Append(Pool).ToString();
    }
}
