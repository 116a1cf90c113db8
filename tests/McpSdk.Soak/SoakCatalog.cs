using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Testing;

namespace McpSdk.Soak;

/// <summary>
/// The kinds of call the soak mixes: a healthy mix over five policies and three tool limits, and the faults the fault
/// server offers, each picked by weight within its group. A call is a fault with probability <c>--fault-rate</c>.
/// </summary>
internal static class SoakCatalog
{
    /// <summary>The caller's deadline of every call that has no shorter one of its own: no healthy call comes near it.</summary>
    public static readonly TimeSpan CallerDeadline = TimeSpan.FromSeconds(5);

    /// <summary>The caller's deadline of <c>hang</c> without a <c>[Timeout]</c>: the only way such a call ends.</summary>
    private static readonly TimeSpan HangCallerDeadline = TimeSpan.FromMilliseconds(250);

    private const int SlowFaultMilliseconds = 2_000;

    public static IReadOnlyList<SoakCallKind> Healthy { get; } = Numbered(0,
    [
        Kind("ok", "ok", null, 40, null, (t, _, c) => t.OkAsync(c)),
        Kind("ok [Priority(Low)]", "ok", null, 10, null, (t, _, c) => t.OkLowAsync(c)),
        Kind("ok [Priority(Critical), Timeout(1000)]", "ok", null, 10, 1_000, (t, _, c) => t.OkCriticalWithDeadlineAsync(c)),
        Kind("ok [Retry(3)]", "ok", null, 10, null, (t, _, c) => t.OkRetriedAsync(c)),
        Kind("ok [Priority(High), Timeout(2000), Retry(3)]", "ok", null, 10, 2_000, (t, _, c) => t.OkHighWithDeadlineRetriedAsync(c)),
        Kind("slow 0 ms [MaxConcurrency(4), QueueLimit(16)]", "slow", null, 12, null, (t, _, c) => t.LimitedAsync(0, c)),
        Kind("crash-after n=max [RateLimit(250/s, Reject)]", "crash-after", null, 8, null, (t, _, c) => t.RateLimitedAsync(int.MaxValue, c)),
    ]);

    public static IReadOnlyList<SoakCallKind> Faults { get; } = Numbered(Healthy.Count,
    [
        Kind("crash-now", "crash-now", "crash", 1, null, (t, _, c) => t.CrashAsync(c)),
        Kind("partial (half a line, then exit)", "partial", "partial", 1, null, (t, _, c) => t.PartialAsync(c)),
        Kind("hang [Timeout(250)]", "hang", "hang", 1, 250, (t, _, c) => t.HangWithDeadlineAsync(c)),
        Kind("hang (caller cancels at 250 ms)", "hang", "hang", 1, null, (t, _, c) => t.HangAsync(c), HangCallerDeadline),
        Kind("slow 2000 ms [Timeout(300)]", "slow", "slow", 2, 300, (t, _, c) => t.SlowWithDeadlineAsync(SlowFaultMilliseconds, c)),
        Kind("is-error [Retry(3)]", "is-error", "is-error", 3, null, (t, _, c) => t.IsErrorAsync(c)),
        Kind("wrong-shape", "wrong-shape", "wrong-shape", 3, null, (t, _, c) => t.WrongShapeAsync(c)),
        Kind("garbage line", "garbage", "garbage", 3, null, (t, _, c) => t.GarbageAsync(c)),
        Kind("unknown-id", "unknown-id", "unknown-id", 3, null, (t, _, c) => t.UnknownIdAsync(c)),
        Kind("progress-after-result", "progress-after-result", "progress-after-result", 2, null, (t, late, c) => late.CallAsync(sink => t.ProgressAfterResultAsync(sink, c))),
    ]);

    public static IReadOnlyList<SoakCallKind> All { get; } = [.. Healthy, .. Faults];

    private static readonly int HealthyWeight = Sum(Healthy);
    private static readonly int FaultWeight = Sum(Faults);

    /// <summary>The next call: a fault with probability <paramref name="faultRate"/>, else one of the healthy mix.</summary>
    public static SoakCallKind Choose(Random random, double faultRate)
    {
        bool fault = random.NextDouble() < faultRate;
        IReadOnlyList<SoakCallKind> group = fault ? Faults : Healthy;
        int pick = random.Next(fault ? FaultWeight : HealthyWeight);
        foreach (SoakCallKind kind in group)
        {
            pick -= kind.Weight;
            if (pick < 0)
            {
                return kind;
            }
        }

        throw new InvalidOperationException("Weights do not add up.");
    }

    private static SoakCallKind Kind(
        string name, string tool, string? fault, int weight, int? timeoutMilliseconds,
        Func<ISoakTools, LateProgress, CancellationToken, Task> invoke, TimeSpan? callerDeadline = null) =>
        new(name, tool, fault, weight, timeoutMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, callerDeadline ?? CallerDeadline, invoke);

    private static SoakCallKind[] Numbered(int first, SoakCallKind[] kinds)
    {
        for (int i = 0; i < kinds.Length; i++)
        {
            kinds[i].Index = first + i;
        }

        return kinds;
    }

    private static int Sum(IReadOnlyList<SoakCallKind> kinds)
    {
        int sum = 0;
        foreach (SoakCallKind kind in kinds)
        {
            sum += kind.Weight;
        }

        return sum;
    }
}
