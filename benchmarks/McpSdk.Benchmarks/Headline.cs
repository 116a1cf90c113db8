using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.Benchmarks;

/// <summary>Tools of the headline run: one server-side sleep, reachable without and with a concurrency limit.</summary>
[McpClient]
public interface IHeadlineTools
{
    [McpTool("sleep")]
    Task<string> SleepAsync(int milliseconds, CancellationToken cancellationToken = default);

    // A separate tool name: limits count per tool, and "sleep" must stay unlimited.
    [McpTool("sleep-limited"), MaxConcurrency(10)]
    Task<string> SleepLimitedAsync(int milliseconds, CancellationToken cancellationToken = default);
}

/// <summary>
/// The headline table (not BenchmarkDotNet; wall clock): 100 calls of a 50 ms tool on an in-process official-SDK
/// server, sequentially, all at once, and all at once through <c>[MaxConcurrency(10)]</c>. Rounds interleave the
/// three modes (A B C A B C …) so drift hits all of them alike; the table shows the median round.
/// </summary>
internal static class Headline
{
    private const int DefaultCalls = 100;
    private const int DefaultDelayMs = 50;
    private const int DefaultRounds = 3;
    private const int Limit = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        int calls = IntOption(args, "--calls", DefaultCalls);
        int delayMs = IntOption(args, "--delay-ms", DefaultDelayMs);
        int rounds = IntOption(args, "--rounds", DefaultRounds);

        var server = new SleepServer();
        McpEndpoint endpoint = McpEndpoint.InProcess(server.CreateOptions, "headline sleep server");

        // The defaults, as a user gets them (one session carrying at most MaxCallsPerSession calls), and a
        // connection whose one session may carry every call at once.
        var defaults = new McpConnectionOptions();
        await using McpConnection connection = await McpConnection.OpenAsync(endpoint, defaults).ConfigureAwait(false);
        await using McpConnection wideConnection = await McpConnection.OpenAsync(
            endpoint, new McpConnectionOptions { MaxCallsPerSession = Math.Max(calls, defaults.MaxCallsPerSession) }).ConfigureAwait(false);
        IHeadlineTools tools = connection.CreateClient<IHeadlineTools>();
        IHeadlineTools wideTools = wideConnection.CreateClient<IHeadlineTools>();
        int wide = wideConnection.Options.MaxCallsPerSession;

        // Warm-up: JIT the whole path (proxy, invoker, scheduler fast and slow paths, SDK client and server).
        for (int i = 0; i < 3; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 2 * Limit).Select(_ => tools.SleepAsync(1))).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(0, 2 * Limit).Select(_ => tools.SleepLimitedAsync(1))).ConfigureAwait(false);
            await Task.WhenAll(Enumerable.Range(0, 2 * Limit).Select(_ => wideTools.SleepAsync(1))).ConfigureAwait(false);
            await tools.SleepAsync(1).ConfigureAwait(false);
        }

        var modes = new (string Name, Func<Task> Run)[]
        {
            ("sequential (await one by one)", async () =>
            {
                for (int i = 0; i < calls; i++)
                {
                    await tools.SleepAsync(delayMs).ConfigureAwait(false);
                }
            }),
            ($"concurrent, defaults (MaxCallsPerSession={defaults.MaxCallsPerSession})", () => Task.WhenAll(Enumerable.Range(0, calls).Select(_ => tools.SleepAsync(delayMs)))),
            ($"concurrent, MaxCallsPerSession={wide}", () => Task.WhenAll(Enumerable.Range(0, calls).Select(_ => wideTools.SleepAsync(delayMs)))),
            ($"concurrent, [MaxConcurrency({Limit})]", () => Task.WhenAll(Enumerable.Range(0, calls).Select(_ => tools.SleepLimitedAsync(delayMs)))),

            // Floors: the same sleeps with no MCP at all, to separate timer granularity from our stack's cost.
            ("floor: Task.Delay only, sequential", async () =>
            {
                for (int i = 0; i < calls; i++)
                {
                    await Task.Delay(delayMs).ConfigureAwait(false);
                }
            }),
            ("floor: Task.Delay only, concurrent", () => Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Delay(delayMs)))),
        };

        var results = modes.Select(_ => new List<Sample>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int m = 0; m < modes.Length; m++)
            {
                server.ResetMaxInFlight();
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                long started = Stopwatch.GetTimestamp();
                await modes[m].Run().ConfigureAwait(false);
                TimeSpan wall = Stopwatch.GetElapsedTime(started);
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                int maxInFlight = m < 4 ? server.MaxInFlight : 0;
                results[m].Add(new Sample(wall, cpu, maxInFlight));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}/{rounds}  {modes[m].Name,-48} wall {wall.TotalMilliseconds,8:F1} ms  max in flight {maxInFlight,3}"));
            }
        }

        McpConnectionStats stats = connection.GetStats();
        McpConnectionStats wideStats = wideConnection.GetStats();
        Sample sequential = Median(results[0]);
        Sample concurrent = Median(results[1]);
        Sample wideConcurrent = Median(results[2]);
        Sample limited = Median(results[3]);
        Sample sequentialFloor = Median(results[4]);
        Sample concurrentFloor = Median(results[5]);
        double ideal = calls * (double)delayMs;
        double limitedIdeal = Math.Ceiling(calls / (double)Limit) * delayMs;

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Headline: {calls} calls of a {delayMs} ms tool, in-process official-SDK server, one session; median of {rounds} interleaved rounds."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}."));
        Console.WriteLine();
        Console.WriteLine("| mode | wall time | ideal | vs ideal | speed-up vs sequential | max in flight (server) | process CPU |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        Row("sequential", sequential, ideal, sequential);
        double defaultWaves = Math.Ceiling(calls / (double)defaults.MaxCallsPerSession);
        Row($"concurrent (Task.WhenAll), defaults: MaxCallsPerSession={defaults.MaxCallsPerSession}", concurrent, defaultWaves * delayMs, sequential);
        Row($"concurrent (Task.WhenAll), MaxCallsPerSession={wide}", wideConcurrent, delayMs, sequential);
        Row($"concurrent, [MaxConcurrency({Limit})]", limited, limitedIdeal, sequential);
        Row("floor: Task.Delay only, sequential (no MCP)", sequentialFloor, ideal, sequential);
        Row("floor: Task.Delay only, concurrent (no MCP)", concurrentFloor, delayMs, sequential);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MCP cost per sequential call above the timer floor: {(sequential.Wall - sequentialFloor.Wall).TotalMilliseconds * 1000 / calls:F0} us; " +
            $"concurrent batch (MaxCallsPerSession={wide}) above its floor: {(wideConcurrent.Wall - concurrentFloor.Wall).TotalMilliseconds:F1} ms for {calls} calls."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Concurrent speed-up: {sequential.Wall / wideConcurrent.Wall:F1}x with MaxCallsPerSession={wide} (ideal {calls}x; the original design reported ~8x); " +
            $"{sequential.Wall / concurrent.Wall:F1}x with the defaults, whose one session carries {defaults.MaxCallsPerSession} calls at a time ({defaultWaves:F0} waves)."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[MaxConcurrency({Limit})]: {limited.Wall.TotalMilliseconds:F0} ms for {calls} calls, ideal {limitedIdeal:F0} ms ({calls / Limit} waves x {delayMs} ms); " +
            $"server saw at most {limited.MaxInFlight} in flight (limit {Limit})."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Connection stats: submitted {stats.Total.Submitted + wideStats.Total.Submitted}, succeeded {stats.Total.Succeeded + wideStats.Total.Succeeded}, " +
            $"failed {stats.Total.Failed + wideStats.Total.Failed}, cancelled {stats.Total.Cancelled + wideStats.Total.Cancelled}."));

        bool exact = results[3].All(s => s.MaxInFlight == Limit) && stats.Total.Failed + wideStats.Total.Failed == 0;
        return exact ? 0 : 1;

        void Row(string name, Sample sample, double idealMs, Sample baseline) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {sample.Wall.TotalMilliseconds:F0} ms | {idealMs:F0} ms | {sample.Wall.TotalMilliseconds / idealMs:F2}x | " +
                $"{baseline.Wall / sample.Wall:F1}x | {(sample.MaxInFlight == 0 ? "n/a" : sample.MaxInFlight.ToString(CultureInfo.InvariantCulture))} | {sample.Cpu.TotalMilliseconds:F0} ms |"));
    }

    private static Sample Median(List<Sample> samples) => samples.OrderBy(s => s.Wall).ElementAt(samples.Count / 2);

    private static int IntOption(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private readonly record struct Sample(TimeSpan Wall, TimeSpan Cpu, int MaxInFlight);

    /// <summary>An official-SDK server (low-level handler) whose tools sleep and which counts calls in flight.</summary>
    private sealed class SleepServer
    {
        private int _inFlight;
        private int _maxInFlight;

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public void ResetMaxInFlight() => Volatile.Write(ref _maxInFlight, 0);

        public McpServerOptions CreateOptions() => new()
        {
            ServerInfo = new Implementation { Name = "headline-sleep-server", Version = "1.0.0" },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = static (_, _) => ValueTask.FromResult(new ListToolsResult()),
                CallToolHandler = CallToolAsync,
            },
        };

        private async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
        {
            CallToolRequestParams request = context.Params!;
            if (request.Name is not ("sleep" or "sleep-limited"))
            {
                throw new McpProtocolException($"Unknown tool '{request.Name}'.", McpErrorCode.InvalidParams);
            }

            int milliseconds = request.Arguments is { } arguments && arguments.TryGetValue("milliseconds", out JsonElement value)
                ? value.GetInt32()
                : throw new McpProtocolException("Missing argument 'milliseconds'.", McpErrorCode.InvalidParams);

            int now = Interlocked.Increment(ref _inFlight);
            for (int max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
            {
                Interlocked.CompareExchange(ref _maxInFlight, now, max);
            }

            try
            {
                await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

            return new CallToolResult { Content = [new TextContentBlock { Text = "slept" }] };
        }
    }
}
