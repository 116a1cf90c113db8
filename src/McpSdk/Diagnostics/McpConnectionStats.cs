using System.Collections.Generic;

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
}
