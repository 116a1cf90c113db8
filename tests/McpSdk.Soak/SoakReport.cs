using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace McpSdk.Soak;

/// <summary>What a soak run saw, the checks on it (<see cref="Failures"/>), and the tables it prints.</summary>
internal sealed class SoakReport(
    SoakOptions options,
    SoakAccounting accounting,
    McpConnectionStats stats,
    int connections,
    IReadOnlyList<MemorySample> samples,
    IReadOnlyList<string> overdue,
    IReadOnlyList<string> pending,
    (SoakCallKind? Kind, TimeSpan Overrun) latest,
    long lateProgress,
    string? recoveryFailure,
    TimeSpan elapsed,
    long peakWorkingSet)
{
    /// <summary>Every check that failed; empty when the run passed.</summary>
    public IReadOnlyList<string> Failures { get; } = Check(accounting, stats, samples, overdue, pending, recoveryFailure);

    public void Print(TextWriter output)
    {
        long submitted = accounting.Submitted(), succeeded = accounting.Succeeded(), failed = accounting.Failed(), cancelled = accounting.Cancelled();
        long faults = SoakCatalog.Faults.Sum(accounting.Submitted);
        output.WriteLine();
        output.WriteLine(Invariant($"Calls: {submitted} in {elapsed.TotalSeconds:0.0} s = {submitted / elapsed.TotalSeconds:0} calls/s; faults injected: {faults} ({(double)faults / Math.Max(1, submitted):P2})"));
        output.WriteLine();

        // The accounting table: one row per kind of call, one column per ending.
        SoakOutcome[] columns = [.. SoakOutcomes.All.Where(o => accounting.Ended(o) > 0 || o == SoakOutcome.Unexpected)];
        output.WriteLine("| call | submitted | " + string.Join(" | ", columns.Select(c => c.Label())) + " |");
        output.WriteLine("|---|---:|" + string.Concat(columns.Select(_ => "---:|")));
        foreach (SoakCallKind kind in SoakCatalog.All)
        {
            string label = kind.Fault is null ? kind.Name : $"**fault** {kind.Name}";
            output.WriteLine(Invariant($"| {label} | {accounting.Submitted(kind)} | ") + string.Join(" | ", columns.Select(c => Invariant($"{accounting.Ended(kind, c)}"))) + " |");
        }

        output.WriteLine(Invariant($"| **total** | **{submitted}** | ") + string.Join(" | ", columns.Select(c => Invariant($"**{accounting.Ended(c)}**"))) + " |");
        output.WriteLine();
        output.WriteLine(Invariant($"Invariant: submitted {submitted} = succeeded {succeeded} + failed {failed} + cancelled {cancelled} ({succeeded + failed + cancelled}): {(submitted == succeeded + failed + cancelled ? "held" : "BROKEN")}"));
        McpToolStats total = stats.Total;
        output.WriteLine(Invariant($"Connection stats{(connections > 1 ? $" (sum of the {connections} connections opened)" : string.Empty)}: submitted {total.Submitted}, succeeded {total.Succeeded}, failed {total.Failed} (timed out {total.TimedOut}, rejected {total.Rejected}), cancelled {total.Cancelled}, retried {total.Retried}, in flight {total.InFlight}, queued {total.Queued.Total}"));
        McpPoolStats pool = stats.Pool;
        output.WriteLine(Invariant($"Pool: sessions started {pool.Started}, faulted {pool.Faulted}, replaced {pool.Replaced}, trimmed {pool.Trimmed}, start failures {pool.StartFailures}; at the end of the calls {pool.Live} live, {pool.Starting} starting"));
        output.WriteLine(Invariant($"Latency (completed calls{(connections > 1 ? " of the last connection" : string.Empty)}, queueing included): mean {total.Latency.Mean.TotalMilliseconds:0.00} ms, p50 {total.Latency.P50.TotalMilliseconds:0.00} ms, p99 {total.Latency.P99.TotalMilliseconds:0.00} ms"));
        output.WriteLine(Invariant($"Latest ending relative to its deadline: {latest.Overrun.TotalSeconds:+0.000;-0.000} s ({latest.Kind?.Name}, deadline {latest.Kind?.Deadline.TotalSeconds:0.###} s); the margin is {options.Margin.TotalSeconds:0.###} s"));
        output.WriteLine(Invariant($"Late progress reports (after the call returned): {lateProgress}"));
        output.WriteLine();

        output.WriteLine("| sample | calls | time | gen0 | gen1 | gen2 | heap | heap after full GC | working set after full GC | threads |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (MemorySample sample in samples)
        {
            output.WriteLine(Invariant($"| {sample.Label} | {sample.Calls} | {sample.Elapsed.TotalSeconds:0.0} s | {sample.Gen0} | {sample.Gen1} | {sample.Gen2} | {Mb(sample.Heap)} | {Mb(sample.HeapAfterFullGc)} | {Mb(sample.WorkingSetAfterFullGc)} | {sample.Threads} |"));
        }

        output.WriteLine(Invariant($"Peak working set: {Mb(peakWorkingSet)}. Memory bound, middle to end: +{SoakOptions.MemoryGrowthShare:P0} + {Mb(SoakOptions.MemoryGrowthBytes)}."));
        output.WriteLine();

        foreach (string sample in accounting.UnexpectedSamplesSeen)
        {
            output.WriteLine("unexpected: " + sample);
        }

        output.WriteLine(Failures.Count == 0
            ? "PASS: invariant held, no call hung, every failure documented, pool recovered, memory flat."
            : "FAIL:\n  " + string.Join("\n  ", Failures));
        output.WriteLine(Invariant($"Reproduce: dotnet tests/McpSdk.Soak/bin/Release/net10.0/McpSdk.Soak.dll --calls {options.Calls} --duration {options.Duration.TotalSeconds:0}s --concurrency {options.Concurrency} --fault-rate {options.FaultRate} --cancel-rate {options.CancelRate} --seed {options.Seed} --sessions {options.Sessions}") + (options.ReopenEvery is { } every ? Invariant($" --reopen-every {every.TotalSeconds:0.###}s") : string.Empty));
    }

    private static List<string> Check(
        SoakAccounting accounting, McpConnectionStats stats, IReadOnlyList<MemorySample> samples,
        IReadOnlyList<string> overdue, IReadOnlyList<string> pending, string? recoveryFailure)
    {
        var failures = new List<string>();
        long submitted = accounting.Submitted(), succeeded = accounting.Succeeded(), failed = accounting.Failed(), cancelled = accounting.Cancelled();
        if (submitted != succeeded + failed + cancelled)
        {
            failures.Add(Invariant($"accounting: submitted {submitted} != succeeded {succeeded} + failed {failed} + cancelled {cancelled}"));
        }

        McpToolStats total = stats.Total;
        if (total.Submitted != total.Succeeded + total.Failed + total.Cancelled || total.InFlight != 0 || total.Queued.Total != 0)
        {
            failures.Add(Invariant($"connection stats: submitted {total.Submitted}, succeeded {total.Succeeded} + failed {total.Failed} + cancelled {total.Cancelled}, in flight {total.InFlight}, queued {total.Queued.Total}"));
        }

        if (total.Submitted != submitted || total.Succeeded != succeeded || total.Failed != failed || total.Cancelled != cancelled)
        {
            failures.Add(Invariant($"the connection's stats ({total.Submitted}/{total.Succeeded}/{total.Failed}/{total.Cancelled}) disagree with the soak's count ({submitted}/{succeeded}/{failed}/{cancelled}) of submitted/succeeded/failed/cancelled"));
        }

        failures.AddRange(overdue.Select(call => "hung: " + call));
        failures.AddRange(pending.Select(call => "pending after the drain: " + call));
        if (accounting.Ended(SoakOutcome.Unexpected) is > 0 and long unexpected)
        {
            failures.Add(Invariant($"{unexpected} calls ended in an undocumented way (see 'unexpected:' above)"));
        }

        if (recoveryFailure is not null)
        {
            failures.Add("the pool did not recover: " + recoveryFailure);
        }

        MemorySample middle = samples.Single(s => s.Label == "middle"), end = samples.Single(s => s.Label == "end");
        CheckGrowth(failures, "managed heap after a full GC", middle.HeapAfterFullGc, end.HeapAfterFullGc);
        CheckGrowth(failures, "working set after a full GC", middle.WorkingSetAfterFullGc, end.WorkingSetAfterFullGc);
        return failures;
    }

    private static void CheckGrowth(List<string> failures, string what, long middle, long end)
    {
        long bound = middle + (long)(middle * SoakOptions.MemoryGrowthShare) + SoakOptions.MemoryGrowthBytes;
        if (end > bound)
        {
            failures.Add($"memory: {what} grew from {Mb(middle)} (middle) to {Mb(end)} (end), beyond the bound of {Mb(bound)}");
        }
    }

    private static string Mb(long bytes) => Invariant($"{bytes / 1048576.0:0.0} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
