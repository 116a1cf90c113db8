using System;

namespace McpSdk;

/// <summary>Latency of completed calls (submission to result), from a histogram with 12.5% bucket precision.</summary>
/// <param name="Count">How many calls were measured.</param>
/// <param name="Mean">The mean.</param>
/// <param name="P50">The median.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The largest, to bucket precision.</param>
public sealed record McpLatency(long Count, TimeSpan Mean, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    /// <summary>No call measured yet.</summary>
    public static McpLatency Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
}
