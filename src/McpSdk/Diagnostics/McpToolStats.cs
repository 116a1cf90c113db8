using System.Globalization;

namespace McpSdk;

/// <summary>
/// Counters of one tool, or of the whole connection. At every quiescent moment
/// <c>Submitted == Succeeded + Failed + Cancelled</c>; <see cref="Rejected"/> and <see cref="TimedOut"/> are
/// parts of <see cref="Failed"/>.
/// </summary>
public sealed record McpToolStats
{
    /// <summary>Calls made.</summary>
    public long Submitted { get; init; }

    /// <summary>Calls that returned a value.</summary>
    public long Succeeded { get; init; }

    /// <summary>Calls that ended with an exception other than the caller's cancellation.</summary>
    public long Failed { get; init; }

    /// <summary>Calls the caller cancelled.</summary>
    public long Cancelled { get; init; }

    /// <summary>Failed calls refused by a full queue or an exhausted rate limit.</summary>
    public long Rejected { get; init; }

    /// <summary>Failed calls whose deadline passed.</summary>
    public long TimedOut { get; init; }

    /// <summary>Retries made (attempts after the first).</summary>
    public long Retried { get; init; }

    /// <summary>
    /// Admissions of fleet-scoped calls made without the fleet's Redis because it could not be reached: run under the
    /// local share (<see cref="McpFleetFailureMode.FailOpen"/>) or refused (<see cref="McpFleetFailureMode.FailClosed"/>).
    /// </summary>
    public long FleetFallbacks { get; init; }

    /// <summary>Calls running now (holding a slot).</summary>
    public int InFlight { get; init; }

    /// <summary>Calls waiting for a slot now, by priority.</summary>
    public McpQueuedCounts Queued { get; init; } = McpQueuedCounts.Empty;

    /// <summary>Latency of the calls that completed (succeeded or failed), queueing included.</summary>
    public McpLatency Latency { get; init; } = McpLatency.Empty;

    /// <summary>The counters as one line, e.g. <c>12 calls: 9 succeeded, 2 failed (1 rejected, 1 timed out), …</c>.</summary>
    public override string ToString()
    {
        string failed = Rejected + TimedOut > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Failed} failed ({Rejected} rejected, {TimedOut} timed out)")
            : string.Create(CultureInfo.InvariantCulture, $"{Failed} failed");
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{Submitted} {(Submitted == 1 ? "call" : "calls")}: {Succeeded} succeeded, {failed}, {Cancelled} cancelled, {Retried} retried; {InFlight} in flight, {Queued.Total} queued");
        return Latency.Count > 0 ? line + "; latency " + Latency : line;
    }
}

/// <summary>Calls waiting for a slot, by priority.</summary>
/// <param name="Critical">Waiting calls of priority <see cref="McpPriority.Critical"/>.</param>
/// <param name="High">Waiting calls of priority <see cref="McpPriority.High"/>.</param>
/// <param name="Normal">Waiting calls of priority <see cref="McpPriority.Normal"/>.</param>
/// <param name="Low">Waiting calls of priority <see cref="McpPriority.Low"/>.</param>
public sealed record McpQueuedCounts(int Critical, int High, int Normal, int Low)
{
    /// <summary>Nothing waiting.</summary>
    public static McpQueuedCounts Empty { get; } = new(0, 0, 0, 0);

    /// <summary>All waiting calls.</summary>
    public int Total => Critical + High + Normal + Low;
}
