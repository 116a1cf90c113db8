using System;
using System.Threading;

namespace McpSdk.Diagnostics;

/// <summary>The counters of one tool: updated with <see cref="Interlocked"/>, read into <see cref="McpToolStats"/>.</summary>
internal sealed class ToolStatistics
{
    private long _submitted;
    private long _succeeded;
    private long _failed;
    private long _cancelled;
    private long _rejected;
    private long _timedOut;
    private long _retried;
    private long _fleetFallbacks;

    public LatencyHistogram Latency { get; } = new();

    public void OnSubmitted() => Interlocked.Increment(ref _submitted);

    public void OnSucceeded(TimeSpan latency)
    {
        Latency.Record(latency);
        Interlocked.Increment(ref _succeeded);
    }

    public void OnFailed(TimeSpan latency, FailureKind kind)
    {
        Latency.Record(latency);
        if (kind == FailureKind.Rejected)
        {
            Interlocked.Increment(ref _rejected);
        }
        else if (kind == FailureKind.TimedOut)
        {
            Interlocked.Increment(ref _timedOut);
        }

        Interlocked.Increment(ref _failed);
    }

    public void OnCancelled() => Interlocked.Increment(ref _cancelled);

    public void OnRetried() => Interlocked.Increment(ref _retried);

    public void OnFleetFallback() => Interlocked.Increment(ref _fleetFallbacks);

    public McpToolStats Snapshot(int inFlight, McpQueuedCounts queued) => new()
    {
        Submitted = Volatile.Read(ref _submitted),
        Succeeded = Volatile.Read(ref _succeeded),
        Failed = Volatile.Read(ref _failed),
        Cancelled = Volatile.Read(ref _cancelled),
        Rejected = Volatile.Read(ref _rejected),
        TimedOut = Volatile.Read(ref _timedOut),
        Retried = Volatile.Read(ref _retried),
        FleetFallbacks = Volatile.Read(ref _fleetFallbacks),
        InFlight = inFlight,
        Queued = queued,
        Latency = Latency.Snapshot(),
    };
}

/// <summary>Why a call failed, for the counters.</summary>
internal enum FailureKind
{
    Other,
    Rejected,
    TimedOut,
}
