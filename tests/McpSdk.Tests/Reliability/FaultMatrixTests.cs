using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using McpSdk.Testing;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Reliability;

/// <summary>
/// The fault matrix: every misbehaviour of tests/McpSdk.FaultServer (a real server process per session, over stdio)
/// under no policy, [Timeout], [Retry] and [MaxConcurrency]; <see cref="HttpFaultMatrixTests"/> runs the HTTP faults. Each cell makes <see cref="Calls"/> concurrent calls and
/// checks DESIGN.md §4 and §5: every call ends, within its deadline plus <see cref="Margin"/>; every failure has a
/// documented type and names the tool; the accounting adds up with nothing in flight or queued; the pool recovers
/// (the next <c>ok</c> succeeds); disposal ends every server process. docs/RELIABILITY.md has the observed table.
/// </summary>
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    public const int TimeoutMilliseconds = 2_000;
    public const int RetryAttempts = 3;
    public const int ConcurrencyLimit = 5;

    private const int Calls = 20;
    private const int CrashAfter = 5;
    private const int SlowMilliseconds = 2_500;

    /// <summary>How long a call may outlive its deadline: an upper-bound sanity check, never a speed assertion.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The caller's own deadline for <c>hang</c> (a policy without [Timeout] has no other way out); later than
    /// [Timeout], so that under [Timeout] the policy's deadline is the one that fires.
    /// </summary>
    private static readonly TimeSpan HangCallerDeadline = TimeSpan.FromSeconds(3);

    /// <summary>The caller's deadline for every other fault: no call should get near it; it turns a hang into a failure.</summary>
    private static readonly TimeSpan CallerDeadline = TimeSpan.FromSeconds(30);

    public static readonly string[] Faults =
    [
        "ok", "crash-now", "crash-after", "hang", "slow", "garbage", "partial", "is-error", "wrong-shape", "progress-after-result", "unknown-id",
    ];

    public static readonly string[] Policies = ["none", "timeout", "retry", "max-concurrency"];

    public static TheoryData<string, string> Cells() => CellsOf(Faults);

    internal static TheoryData<string, string> CellsOf(string[] faults)
    {
        var cells = new TheoryData<string, string>();
        foreach (string fault in faults)
        {
            foreach (string policy in Policies)
            {
                cells.Add(fault, policy);
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Fault_under_policy_keeps_every_invariant_and_the_pool_recovers(string fault, string policy) =>
        RunStdioCellAsync(fault, policy, McpSessionEngine.Auto);

    /// <summary>The same matrix on the official SDK's engine, which stays selectable (<see cref="McpConnectionOptions.Engine"/>).</summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public Task Fault_under_policy_on_the_SDK_engine_keeps_every_invariant_and_the_pool_recovers(string fault, string policy) =>
        RunStdioCellAsync(fault, policy, McpSessionEngine.Sdk);

    private async Task RunStdioCellAsync(string fault, string policy, McpSessionEngine engine)
    {
        var servers = new ServerProcesses();
        string summary = await RunCellAsync(FaultServer.Endpoint(servers.Marker), fault, policy, engine);

        // Disposal ends every server process this cell started.
        var clock = Stopwatch.StartNew();
        while (servers.Pids().Count > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{fault}/{policy}: server processes outlived the connection: {string.Join(", ", servers.Pids())}.");
            await Task.Delay(50);
        }

        output.WriteLine($"CELL | stdio | {engine} | {fault} | {policy} | {summary}");
    }

    /// <summary>One cell on <paramref name="endpoint"/>: the calls, every assertion, the recovery probe; returns the CELL summary.</summary>
    internal static async Task<string> RunCellAsync(McpEndpoint endpoint, string fault, string policy, McpSessionEngine engine = McpSessionEngine.Auto)
    {
        McpConnection connection = await McpConnection.OpenAsync(endpoint, new McpConnectionOptions
        {
            Engine = engine,
            MinSessions = 1,
            MaxSessions = 2,
            MaxCallsPerSession = 16, // 20 concurrent calls need the second session
        });
        var progress = new LateProgress();
        string summary;
        try
        {
            IFaultCalls tools = policy switch
            {
                "none" => connection.CreateClient<IFaultsPlain>(),
                "timeout" => connection.CreateClient<IFaultsWithTimeout>(),
                "retry" => connection.CreateClient<IFaultsWithRetry>(),
                "max-concurrency" => connection.CreateClient<IFaultsWithMaxConcurrency>(),
                _ => throw new ArgumentOutOfRangeException(nameof(policy)),
            };
            TimeSpan callerDeadline = fault == "hang" ? HangCallerDeadline : CallerDeadline;
            TimeSpan deadline = policy == "timeout" && TimeSpan.FromMilliseconds(TimeoutMilliseconds) < callerDeadline
                ? TimeSpan.FromMilliseconds(TimeoutMilliseconds)
                : callerDeadline;

            Outcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => Task.Run(() => CallAsync(tools, fault, callerDeadline, progress))))
                .WaitAsync(callerDeadline + Margin + TimeSpan.FromSeconds(10));

            // Every failure is documented and says which tool failed; caller cancellation only when the caller cancelled.
            foreach (Outcome outcome in outcomes)
            {
                Assert.True(outcome.Elapsed <= deadline + Margin, $"{fault}/{policy}: a call took {outcome.Elapsed.TotalSeconds:0.00} s, deadline {deadline.TotalSeconds:0.##} s + margin {Margin.TotalSeconds:0} s.");
                switch (outcome.Error)
                {
                    case null:
                        break;
                    case McpSdkException known when known is McpToolException or McpResultMismatchException or McpSessionLostException
                                                    or McpSdkTimeoutException or McpQueueFullException or McpRateLimitedException:
                        Assert.Equal(fault, known.ToolName);
                        Assert.Contains($"'{fault}'", known.Message, StringComparison.Ordinal);
                        break;
                    case OperationCanceledException when outcome.CallerCancelled:
                        break; // the caller's own cancellation: .NET's type and message, by design (DESIGN.md §4)
                    default:
                        Assert.Fail($"{fault}/{policy}: undocumented outcome {outcome.Error.GetType().FullName}: {outcome.Error}");
                        break;
                }
            }

            // What each fault must do (beyond the invariants), where the outcome does not depend on timing.
            AssertExpected(fault, policy, outcomes);

            McpConnectionStats stats = connection.GetStats();
            AssertQuiet(stats, Calls);

            // The pool recovers: an ok call succeeds (on a replacement session where the fault killed one). A probe sent
            // in the moment between a crash and the pool noticing it can be routed to the dead session and fail with
            // McpSessionLostException (see SessionLossRoutingTests); under [Timeout] a probe can also spend its 2 s
            // waiting for the replacement process to start (a busy machine). Those are counted, allowed for 10 s, and
            // reported.
            int lostProbes = 0;
            int timedOutProbes = 0;
            var recovery = Stopwatch.StartNew();
            while (true)
            {
                using var probeDeadline = new CancellationTokenSource(CallerDeadline);
                try
                {
                    Assert.Equal("ok", await tools.OkAsync(probeDeadline.Token));
                    break;
                }
                catch (McpSessionLostException lost) when (recovery.Elapsed < TimeSpan.FromSeconds(10))
                {
                    Assert.Equal("ok", lost.ToolName);
                    lostProbes++;
                }
                catch (McpSdkTimeoutException waited) when (policy == "timeout" && recovery.Elapsed < TimeSpan.FromSeconds(10))
                {
                    Assert.Equal("ok", waited.ToolName);
                    timedOutProbes++;
                }
            }

            McpConnectionStats after = connection.GetStats();
            AssertQuiet(after, Calls + 1 + lostProbes + timedOutProbes);
            await Task.Delay(200); // a progress notification sent after the result has had time to arrive
            Assert.Equal(0L, progress.Late);

            summary = Summarize(outcomes, after, deadline)
                + (lostProbes == 0 ? string.Empty : $" | {lostProbes} recovery probe(s) lost before the pool noticed the crash")
                + (timedOutProbes == 0 ? string.Empty : $" | {timedOutProbes} recovery probe(s) timed out waiting for a replacement session");
        }
        finally
        {
            await connection.DisposeAsync();
        }

        return summary;
    }

    private static async Task<Outcome> CallAsync(IFaultCalls tools, string fault, TimeSpan callerDeadline, LateProgress progress)
    {
        using var caller = new CancellationTokenSource(callerDeadline);
        CancellationToken token = caller.Token;
        var clock = Stopwatch.StartNew();
        try
        {
            Task call = fault switch
            {
                "ok" => tools.OkAsync(token),
                "crash-now" => tools.CrashNowAsync(token),
                "crash-after" => tools.CrashAfterAsync(CrashAfter, token),
                "hang" => tools.HangAsync(token),
                "slow" => tools.SlowAsync(SlowMilliseconds, token),
                "garbage" => tools.GarbageAsync(token),
                "partial" => tools.PartialAsync(token),
                "is-error" => tools.IsErrorAsync(token),
                "wrong-shape" => tools.WrongShapeAsync(token),
                "progress-after-result" => progress.CallAsync(sink => tools.ProgressAfterResultAsync(sink, token)),
                "unknown-id" => tools.UnknownIdAsync(token),
                "http-500" => tools.Http500Async(token),
                "http-reset" => tools.HttpResetAsync(token),
                "http-404-session" => tools.Http404SessionAsync(token),
                "sse-cut" => tools.SseCutAsync(token),
                _ => throw new ArgumentOutOfRangeException(nameof(fault)),
            };
            await call;
            return new Outcome(null, clock.Elapsed, caller.IsCancellationRequested);
        }
        catch (Exception e)
        {
            return new Outcome(e, clock.Elapsed, caller.IsCancellationRequested);
        }
    }

    private static void AssertExpected(string fault, string policy, Outcome[] outcomes)
    {
        string cell = $"{fault}/{policy}";
        IEnumerable<Type?> types = outcomes.Select(o => o.Error?.GetType());
        switch (fault)
        {
            case "ok" or "garbage" or "unknown-id" or "progress-after-result":
                Assert.All(outcomes, o => Assert.True(o.Error is null, $"{cell}: {o.Error}"));
                break;
            case "slow":
                Type? expected = policy == "timeout" ? typeof(McpSdkTimeoutException) : null;
                Assert.All(types, t => Assert.Equal(expected, t));
                break;
            case "hang":
                Type hung = policy == "timeout" ? typeof(McpSdkTimeoutException) : typeof(OperationCanceledException);
                Assert.All(outcomes, o => Assert.IsAssignableFrom(hung, o.Error));
                break;
            case "is-error":
                Assert.All(types, t => Assert.Equal(typeof(McpToolException), t));
                break;
            case "wrong-shape":
                Assert.All(types, t => Assert.Equal(typeof(McpResultMismatchException), t));
                break;
            case "crash-now" or "partial" or "http-500" or "http-reset" or "http-404-session" or "sse-cut":
                // Every attempt fails on its way (stdio: the process dies; HTTP: the request does): nothing succeeds,
                // and no retry is left in the end.
                Assert.All(outcomes, o => Assert.True(
                    o.Error is McpSessionLostException || (policy == "timeout" && o.Error is McpSdkTimeoutException),
                    $"{cell}: {o.Error?.GetType().Name ?? "success"}"));
                break;
            case "crash-after":
                // The first calls of each process succeed, the call that reaches n kills it with everything on it.
                Assert.All(outcomes, o => Assert.True(
                    o.Error is null or McpSessionLostException || (policy == "timeout" && o.Error is McpSdkTimeoutException),
                    $"{cell}: {o.Error?.GetType().Name}"));
                Assert.Contains(outcomes, o => o.Error is McpSessionLostException or McpSdkTimeoutException);
                break;
        }
    }

    private static void AssertQuiet(McpConnectionStats stats, long submitted)
    {
        McpToolStats total = stats.Total;
        Assert.Equal(submitted, total.Submitted);
        Assert.Equal(total.Submitted, total.Succeeded + total.Failed + total.Cancelled);
        Assert.Equal(0, total.InFlight);
        Assert.Equal(0, total.Queued.Total);
    }

    private static string Summarize(Outcome[] outcomes, McpConnectionStats stats, TimeSpan deadline)
    {
        IEnumerable<string> groups = outcomes
            .GroupBy(o => o.Error is null ? "ok" : o.Error.GetType().Name)
            .OrderBy(g => g.Key == "ok" ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} × {g.Key}");
        McpPoolStats pool = stats.Pool;
        return $"{string.Join(", ", groups)} | retried {stats.Total.Retried}, timed out {stats.Total.TimedOut} | " +
               $"sessions started {pool.Started}, faulted {pool.Faulted}, replaced {pool.Replaced} | " +
               $"slowest {outcomes.Max(o => o.Elapsed).TotalSeconds:0.00} s of {deadline.TotalSeconds:0.##} s + {Margin.TotalSeconds:0} s";
    }

    private sealed record Outcome(Exception? Error, TimeSpan Elapsed, bool CallerCancelled);
}
