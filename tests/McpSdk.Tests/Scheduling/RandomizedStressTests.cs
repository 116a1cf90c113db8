using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Tests.Fakes;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Scheduling;

/// <summary>
/// Thousands of calls with random policies, cancellations and faults over the real scheduler and invoker.
/// After each run the invariants of DESIGN.md §5 must hold: every call ended (none hangs), the accounting adds up,
/// no limit was ever exceeded, and every failure has a documented type.
/// </summary>
public sealed class RandomizedStressTests
{
    private const int Tools = 5;
    private const int MethodsPerTool = 3;

    [Theory]
    [InlineData(1, 2_000)]
    [InlineData(7, 2_000)]
    [InlineData(42, 3_000)]
    public async Task Random_policies_cancellations_and_faults_keep_every_invariant(int seed, int calls)
    {
        var random = new Random(seed);
        int? globalLimit = random.Next(2) == 0 ? null : random.Next(2, 9);
        var options = new McpConnectionOptions
        {
            MaxConcurrency = globalLimit,
            QueueLimit = random.Next(3) == 0 ? random.Next(300, 1_000) : null,
            PriorityAgingAdmissions = random.Next(1, 32),
        };

        var global = new PeakCounter();
        var session = new ScriptedSession(call => RunScriptAsync(call, global));
        await using McpConnection connection = TestConnections.Create(session, options);

        // Methods with random policies; methods of one tool share its limits (the strictest holds).
        var methods = new List<BoundTool>();
        var toolLimits = new Dictionary<string, int>();
        for (int tool = 0; tool < Tools; tool++)
        {
            string name = "tool-" + tool;
            for (int m = 0; m < MethodsPerTool; m++)
            {
                CallPolicy policy = RandomPolicy(random);
                methods.Add(connection.Invoker.Bind(new ToolMethod(name, $"IStress.{name}.{m}", policy)));
                toolLimits[name] = Math.Min(toolLimits.GetValueOrDefault(name, int.MaxValue), policy.MaxConcurrency ?? int.MaxValue);
            }
        }

        var cancellations = new List<CancellationTokenSource>();
        var tasks = new Task<string>[calls];
        for (int i = 0; i < calls; i++)
        {
            BoundTool method = methods[random.Next(methods.Count)];
            CancellationToken token = default;
            if (random.NextDouble() < 0.2)
            {
                var cts = new CancellationTokenSource();
                cts.CancelAfter(random.Next(0, 20));
                cancellations.Add(cts);
                token = cts.Token;
            }

            int id = i;
            int behaviour = random.Next(100);
            tasks[i] = Task.Run(() => CallAsync(connection.Invoker, method, id, behaviour, token));
            if (i % 25 == 24)
            {
                await Task.Delay(1); // arrivals in waves, so that queues fill and drain rather than only overflow
            }
        }

        Task all = Task.WhenAll(tasks);
        Task finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(finished == all || tasks.All(t => t.IsCompleted), $"{tasks.Count(t => !t.IsCompleted)} calls never ended (seed {seed}).");

        int succeeded = 0, failed = 0, cancelled = 0;
        foreach (Task<string> task in tasks)
        {
            if (task.IsCompletedSuccessfully)
            {
                succeeded++;
            }
            else if (task.IsCanceled)
            {
                cancelled++;
            }
            else
            {
                Exception error = task.Exception!.InnerException!;
                Assert.True(
                    error is McpToolException or McpSessionLostException or McpSdkTimeoutException or McpQueueFullException,
                    $"Undocumented failure {error.GetType().Name}: {error.Message}");
                Assert.Contains("'tool-", error.Message);
                failed++;
            }
        }

        McpConnectionStats stats = connection.GetStats();
        Assert.Equal(calls, stats.Total.Submitted);

        // The run must have been rough enough to mean something.
        Assert.True(stats.Total.Succeeded > 0 && stats.Total.Failed > 0 && stats.Total.Cancelled > 0 && stats.Total.Retried > 0, $"A tame run: {stats.Total}");
        Assert.Equal(stats.Total.Submitted, stats.Total.Succeeded + stats.Total.Failed + stats.Total.Cancelled);
        Assert.Equal((succeeded, failed, cancelled), (stats.Total.Succeeded, (int)stats.Total.Failed, (int)stats.Total.Cancelled));
        foreach ((string tool, McpToolStats toolStats) in stats.Tools)
        {
            Assert.Equal(toolStats.Submitted, toolStats.Succeeded + toolStats.Failed + toolStats.Cancelled);
            Assert.Equal(0, toolStats.InFlight);
            Assert.Equal(0, toolStats.Queued.Total);
            Assert.True(session.MaxInFlight(tool) <= toolLimits[tool], $"{tool}: {session.MaxInFlight(tool)} in flight, limit {toolLimits[tool]}.");
        }

        Assert.True(global.Peak <= (globalLimit ?? int.MaxValue), $"{global.Peak} in flight in total, limit {globalLimit}.");
        foreach (CancellationTokenSource cts in cancellations)
        {
            cts.Dispose();
        }
    }

    private static Task<string> CallAsync(ToolInvoker invoker, BoundTool method, int id, int behaviour, CancellationToken token)
    {
        var arguments = new ToolArguments();
        arguments.Add("id", id, Serialization.McpJson.GetTypeInfo<int>(s_json, "IStress"));
        arguments.Add("behaviour", behaviour, Serialization.McpJson.GetTypeInfo<int>(s_json, "IStress"));
        return invoker.InvokeAsync(method, arguments, ToolResultReaders.Text, null, token);
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_json = Serialization.McpJson.CreateOptions(null);

    private static CallPolicy RandomPolicy(Random random) => new()
    {
        MaxConcurrency = random.Next(4) switch { 0 => null, 1 => 1, 2 => 2, _ => 4 },
        Priority = (McpPriority)random.Next(4),
        QueueLimit = random.Next(4) == 0 ? random.Next(0, 100) : null,
        Timeout = random.Next(3) == 0 ? TimeSpan.FromMilliseconds(random.Next(5, 100)) : null,
        MaxAttempts = random.Next(1, 4),
        RetryBaseDelay = TimeSpan.FromMilliseconds(random.Next(0, 3)),
    };

    /// <summary>The server's side: mostly quick answers, some tool errors, transport faults and hangs.</summary>
    private static async ValueTask<CallToolResult> RunScriptAsync(ScriptedCall call, PeakCounter global)
    {
        global.Enter();
        try
        {
            int behaviour = System.Text.Json.JsonDocument.Parse(call.Arguments).RootElement.GetProperty("behaviour").GetInt32();
            return await (behaviour switch
            {
                < 5 => Fault(),
                < 10 => ValueTask.FromResult(ScriptedCall.Error("tool said no")),
                < 13 when call.CancellationToken.CanBeCanceled => Hang(call.CancellationToken),
                < 60 => Quick(),
                _ => Slow(behaviour % 3),
            });
        }
        finally
        {
            global.Exit();
        }

        static ValueTask<CallToolResult> Fault() => ValueTask.FromException<CallToolResult>(new IOException("connection reset"));

        static async ValueTask<CallToolResult> Hang(CancellationToken token)
        {
            await Task.Delay(Timeout.Infinite, token);
            return ScriptedCall.Text("unreachable");
        }

        static async ValueTask<CallToolResult> Quick()
        {
            await Task.Yield();
            return ScriptedCall.Text("ok");
        }

        static async ValueTask<CallToolResult> Slow(int milliseconds)
        {
            await Task.Delay(milliseconds);
            return ScriptedCall.Text("ok");
        }
    }

    /// <summary>Counts how many run at once, and the most that ever did.</summary>
    private sealed class PeakCounter
    {
        private int _now;
        private int _peak;

        public int Peak => Volatile.Read(ref _peak);

        public void Enter()
        {
            int now = Interlocked.Increment(ref _now);
            for (int peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
            {
                Interlocked.CompareExchange(ref _peak, now, peak);
            }
        }

        public void Exit() => Interlocked.Decrement(ref _now);
    }
}
