using System;
using System.Globalization;

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

    /// <summary>The figures in milliseconds, e.g. <c>mean 2.5 ms, p50 1.25 ms, p99 40 ms, max 41 ms</c>.</summary>
    public override string ToString() =>
        $"mean {Milliseconds(Mean)} ms, p50 {Milliseconds(P50)} ms, p99 {Milliseconds(P99)} ms, max {Milliseconds(Max)} ms";

    private static string Milliseconds(TimeSpan value) => value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture);
}
