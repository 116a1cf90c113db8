using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace McpSdk.Soak;

/// <summary>
/// The soak's own count of every call, by kind and by ending, kept apart from the connection's statistics so that
/// each checks the other. Lock-free: one counter per (kind, outcome).
/// </summary>
internal sealed class SoakAccounting
{
    private const int UnexpectedSamples = 10;

    private readonly long[] _submitted = new long[SoakCatalog.All.Count];
    private readonly long[,] _ended = new long[SoakCatalog.All.Count, SoakOutcomes.All.Length];
    private readonly ConcurrentQueue<string> _unexpected = new();
    private long _completed;

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>The first few unexpected endings, as "kind: exception type: message".</summary>
    public IReadOnlyCollection<string> UnexpectedSamplesSeen => _unexpected;

    public void OnSubmitted(SoakCallKind kind) => Interlocked.Increment(ref _submitted[kind.Index]);

    /// <summary>Counts a call's ending; returns how many calls have ended.</summary>
    public long OnEnded(SoakCallKind kind, SoakOutcome outcome, Exception? error)
    {
        Interlocked.Increment(ref _ended[kind.Index, (int)outcome]);
        if (outcome == SoakOutcome.Unexpected && _unexpected.Count < UnexpectedSamples)
        {
            _unexpected.Enqueue($"{kind.Name}: {error?.GetType().FullName}: {error?.Message}");
        }

        return Interlocked.Increment(ref _completed);
    }

    public long Submitted(SoakCallKind kind) => Interlocked.Read(ref _submitted[kind.Index]);

    public long Ended(SoakCallKind kind, SoakOutcome outcome) => Interlocked.Read(ref _ended[kind.Index, (int)outcome]);

    public long Submitted() => Sum(kind => Submitted(kind));

    public long Ended(SoakOutcome outcome) => Sum(kind => Ended(kind, outcome));

    public long Succeeded() => Ended(SoakOutcome.Succeeded);

    public long Cancelled() => Ended(SoakOutcome.CancelledAtRandom) + Ended(SoakOutcome.CancelledAtCallerDeadline);

    public long Failed() => Sum(kind =>
    {
        long failed = 0;
        foreach (SoakOutcome outcome in SoakOutcomes.All)
        {
            if (outcome != SoakOutcome.Succeeded && !outcome.IsCancelled())
            {
                failed += Ended(kind, outcome);
            }
        }

        return failed;
    });

    private static long Sum(Func<SoakCallKind, long> count)
    {
        long sum = 0;
        foreach (SoakCallKind kind in SoakCatalog.All)
        {
            sum += count(kind);
        }

        return sum;
    }
}
