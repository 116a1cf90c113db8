using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using static McpSdk.Benchmarks.Statistics;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace McpSdk.Benchmarks;

/// <summary>
/// The load table of the issue "Pooled transport" (not BenchmarkDotNet; wall clock and /proc CPU): the real
/// server-everything over stdio and/or Streamable HTTP (<c>--transport stdio|http|both</c>, default stdio; over HTTP the
/// contenders share one <c>streamableHttp</c> server on a free loopback port, or get one each with
/// <c>--server-per-contender</c>), tool <c>echo</c>, 64 calls in flight (closed loop: 64 workers each awaiting one call at
/// a time) and sequentially, for the contenders (clients and floors) interleaved in one run, the order rotating and reversing from round to
/// round so each takes every place (counterbalanced: see <see cref="MeasureAsync"/>); over stdio each has its own server
/// process started once and kept for the whole run. The paired ratio comes with a 95 % interval (<see cref="Statistics.MedianInterval"/>)
/// from 6 rounds on. A "warm" phase after <c>--warmup</c> calls per contender and a
/// "steady" phase after <c>--steady</c> calls; medians of <c>--repeats</c> rounds; ratios to the official C# SDK measured
/// in the same run. Then the per-layer table over an in-process session that completes asynchronously (no server).
/// <c>dotnet run -c Release --project benchmarks/McpSdk.Benchmarks -- load [--calls 30000] [--seq-calls 3000]
/// [--warmup 20000] [--steady 200000] [--repeats 3] [--layer-calls 500000] [--only 0,3] [--alloc-types]
/// [--transport stdio|http|both] [--http-server everything|csharp|csharp-https] [--server-per-contender] [--layers-only]</c>
/// (<c>--steady 0</c> skips the steady phase; <c>--only</c> runs some contenders, e.g. for a profiler; <c>--layers-only</c>
/// runs the layers table alone).
/// </summary>
internal static class Load
{
    private const int Concurrent = 64;
    private const int Baseline = 3; // index of the official C# SDK contender

    public static async Task<int> RunAsync(string[] args)
    {
        int calls = IntOption(args, "--calls", 30_000);
        int sequentialCalls = IntOption(args, "--seq-calls", 3_000);
        int warmup = IntOption(args, "--warmup", 20_000);
        int steady = IntOption(args, "--steady", 200_000);
        int repeats = IntOption(args, "--repeats", 3);
        int layerCalls = IntOption(args, "--layer-calls", 500_000);
        int index = Array.IndexOf(args, "--only");
        HashSet<int>? only = index >= 0 && index + 1 < args.Length
            ? [.. args[index + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]
            : null;

        // --layers-only: the layers table alone (no servers, no node packages needed), by the same LayersAsync as a full
        // run, so two commits' layers can be compared run against run without the contenders' minutes and noise.
        bool layersOnly = args.Contains("--layers-only");
        string root = RepoRoot();
        string server = Path.Combine(root, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        string nodeClient = Path.Combine(root, "benchmarks", "peers", "load-client.mjs");
        if (!layersOnly && (!File.Exists(server) || !Directory.Exists(Path.Combine(root, "benchmarks", "peers", "node_modules"))))
        {
            Console.Error.WriteLine("Missing node packages: run `npm ci --prefix tests/peers` and `npm ci --prefix benchmarks/peers` first.");
            return 2;
        }

        string transportOption = StringOption(args, "--transport", "stdio");
        string[] transports = transportOption switch
        {
            "stdio" => ["stdio"],
            "http" => ["http"],
            "both" => ["stdio", "http"],
            _ => [],
        };
        if (transports.Length == 0)
        {
            Console.Error.WriteLine($"--transport must be stdio, http or both; got '{transportOption}'.");
            return 2;
        }

        string httpServer = StringOption(args, "--http-server", "everything");
        string faultServer = Path.Combine(root, "tests", "McpSdk.FaultServer", "bin", "Release", "net10.0", "FaultServer.dll");
        if (httpServer is not ("everything" or "csharp" or "csharp-https") || (httpServer != "everything" && !File.Exists(faultServer)))
        {
            Console.Error.WriteLine($"--http-server must be everything, csharp or csharp-https (needs {faultServer}: build tests/McpSdk.FaultServer in Release); got '{httpServer}'.");
            return 2;
        }

        string loadBefore = ProcStat.LoadAverage();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Load{(layersOnly ? " (--layers-only: the layers table alone)" : "")}: server-everything over {string.Join(" then ", transports)}, tool echo; {Concurrent} in flight ({calls} calls per window) and sequential ({sequentialCalls}); " +
            $"warm-up {warmup}, steady after {steady}; {repeats} interleaved repeats. {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}. loadavg before: {loadBefore}"));

        foreach (string transport in layersOnly ? [] : transports)
        {
            await RunContendersAsync(transport, server, httpServer == "everything" ? null : faultServer, httpServer == "csharp-https", args.Contains("--server-per-contender"), nodeClient, only, calls, sequentialCalls, warmup, steady, repeats, args.Contains("--alloc-types")).ConfigureAwait(false);
        }

        if (layerCalls > 0)
        {
            await LayersAsync(layerCalls, repeats, args.Contains("--alloc-types")).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine($"loadavg at the end: {ProcStat.LoadAverage()}");
        return 0;
    }

    private static async Task RunContendersAsync(
        string transport, string server, string? csharpHttpServer, bool https, bool serverPerContender, string nodeClient, HashSet<int>? only,
        int calls, int sequentialCalls, int warmup, int steady, int repeats, bool allocationTypes)
    {
        Console.WriteLine();
        string serverName = transport == "http" && csharpHttpServer is not null
            ? https ? "the C# fault server (ASP.NET Core), HTTPS with HTTP/2 offered" : "the C# fault server (ASP.NET Core)"
            : "server-everything";
        Console.WriteLine($"## Transport: {transport}, server: {serverName} (loadavg {ProcStat.LoadAverage()})");
        var servers = new List<LoadHttpServer>();
        Func<Task<LoadContender>>[] factories;
        if (transport == "stdio")
        {
            McpEndpoint endpoint = McpEndpoint.Stdio("node", server, "stdio");
            factories =
            [
                async () => await ProxyContender.StartAsync(endpoint, sessions: 1, McpSessionEngine.Lean).ConfigureAwait(false),
                async () => await ProxyContender.StartAsync(endpoint, sessions: 2, McpSessionEngine.Lean).ConfigureAwait(false),
                async () => await ProxyContender.StartAsync(endpoint, sessions: 1, McpSessionEngine.Sdk).ConfigureAwait(false),
                async () => await RawSdkContender.StartAsync("node", [server, "stdio"]).ConfigureAwait(false),
                async () => await NodeContender.StartAsync("official TypeScript SDK client (node)", "sdk", nodeClient, server).ConfigureAwait(false),
                async () => await NodeContender.StartAsync("raw pipelined JSON-RPC (node), the ceiling", "raw", nodeClient, server).ConfigureAwait(false),
                async () => await BareStdioContender.StartAsync(server).ConfigureAwait(false),
            ];
        }
        else
        {
            // One server (server-everything streamableHttp, or the C# server) on a free loopback port, shared by every
            // contender (they take turns), stopped by PID at the end; both sessions of "2 sessions" are on it. Shared,
            // because server processes differ: in a 12-round run with a server per contender, the four servers spent
            // 790–910 µs per identical call, a constant per process that paired rounds cannot cancel.
            // --server-per-contender brings back one server each.
            LoadHttpServer? shared = null;
            async Task<LoadContender> OnServer(Func<Uri, Task<LoadContender>> start)
            {
                LoadHttpServer? httpServer = serverPerContender ? null : shared;
                if (httpServer is null)
                {
                    httpServer = csharpHttpServer is null
                        ? await LoadHttpServer.StartAsync(server).ConfigureAwait(false)
                        : await LoadHttpServer.StartCSharpAsync(csharpHttpServer, https).ConfigureAwait(false);
                    servers.Add(httpServer);
                    shared ??= httpServer;
                }

                LoadContender contender = await start(httpServer.Uri).ConfigureAwait(false);
                contender.UseServerPids([httpServer.Pid]);
                return contender;
            }

            static McpEndpoint Endpoint(Uri uri) => McpEndpoint.Http(
                uri, new McpHttpOptions { TransportMode = HttpTransportMode.StreamableHttp, HttpClientFactory = s_httpClients.Value });
            factories =
            [
                () => OnServer(async uri => await ProxyContender.StartAsync(Endpoint(uri), sessions: 1, McpSessionEngine.Lean).ConfigureAwait(false)),
                () => OnServer(async uri => await ProxyContender.StartAsync(Endpoint(uri), sessions: 2, McpSessionEngine.Lean).ConfigureAwait(false)),
                () => OnServer(async uri => await ProxyContender.StartAsync(Endpoint(uri), sessions: 1, McpSessionEngine.Sdk).ConfigureAwait(false)),
                () => OnServer(async uri => await RawSdkContender.StartHttpAsync(uri).ConfigureAwait(false)),
                () => OnServer(async uri => await NodeContender.StartAsync("official TypeScript SDK client (node)", "sdk-http", nodeClient, uri.ToString()).ConfigureAwait(false)),
                () => OnServer(async uri => await NodeContender.StartAsync("raw HTTP JSON-RPC (node, keep-alive), the ceiling", "raw-http", nodeClient, uri.ToString()).ConfigureAwait(false)),
                () => OnServer(async uri => await BareHttpContender.StartAsync(s_httpClients.Value.CreateClient(McpHttpClientBuilderExtensions.DefaultClientName), uri).ConfigureAwait(false)),
                () => OnServer(async uri => await RawSocketHttpContender.StartAsync(s_httpClients.Value.CreateClient(McpHttpClientBuilderExtensions.DefaultClientName), uri).ConfigureAwait(false)),
            ];
        }

        var contenders = new List<(int Index, LoadContender Contender)>();
        try
        {
            for (int i = 0; i < factories.Length; i++)
            {
                if (only is null || only.Contains(i))
                {
                    contenders.Add((i, await factories[i]().ConfigureAwait(false)));
                }
            }

            string loadBefore = ProcStat.LoadAverage();
            long started = Stopwatch.GetTimestamp();
            var phases = new List<(string Phase, Dictionary<(int Contender, int InFlight), List<LoadWindow>> Windows)>();
            await WarmUpAsync(contenders, warmup).ConfigureAwait(false);
            phases.Add(($"{transport}, warm (after {warmup:N0} calls each)", await MeasureAsync(contenders, calls, sequentialCalls, repeats, transport + " warm").ConfigureAwait(false)));
            if (steady > 0)
            {
                await WarmUpAsync(contenders, steady).ConfigureAwait(false);
                phases.Add(($"{transport}, steady (after {steady:N0} calls each)", await MeasureAsync(contenders, calls, sequentialCalls, repeats, transport + " steady").ConfigureAwait(false)));
            }

            string loadAfter = ProcStat.LoadAverage();
            if (allocationTypes)
            {
                // Where the bytes of a real call go, by type (after the timed windows: the sampler costs CPU).
                await AllocationSampler.PrintAsync(contenders.Select(c => c.Contender).OfType<CSharpLoadContender>(), calls).ConfigureAwait(false);
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Contenders over {transport}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s. loadavg before {loadBefore}; after {loadAfter}."));
            foreach ((string phase, Dictionary<(int, int), List<LoadWindow>> windows) in phases)
            {
                foreach (int inFlight in new[] { Concurrent, 1 })
                {
                    PrintTable(phase, inFlight, contenders, windows);
                }
            }
        }
        finally
        {
            foreach ((_, LoadContender contender) in contenders)
            {
                await contender.DisposeAsync().ConfigureAwait(false);
            }

            foreach (LoadHttpServer httpServer in servers)
            {
                httpServer.Dispose();
            }
        }
    }

    /// <summary>
    /// McpSdk's default HTTP pipeline (<see cref="McpHttpClientBuilderExtensions.AddMcpSdkHttpDefaults"/>) with one
    /// change, made for the raw SDK's client too (<see cref="RawSdkContender.StartHttpAsync"/>): pooled connections idle for <see cref="IdleTimeout"/> are
    /// dropped. node closes a kept-alive connection after 5 s idle (<c>server.keepAliveTimeout</c>), and a contender
    /// sits idle longer than that while the others take their turn; a request sent as the server closes fails with
    /// "Connection reset by peer" (seen here with the 1-minute default).
    /// </summary>
    private static readonly Lazy<IHttpClientFactory> s_httpClients = new(() =>
    {
        var services = new ServiceCollection();
        services.AddHttpClient(McpHttpClientBuilderExtensions.DefaultClientName)
            .AddMcpSdkHttpDefaults()
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) => Loopback((SocketsHttpHandler)handler));
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    });

    /// <summary>Below node's 5 s keep-alive timeout.</summary>
    internal static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// What every C# contender's handler gets: the idle timeout above, and trust in the C# server's self-signed
    /// certificate (a loopback benchmark server; nothing else is reached).
    /// </summary>
    internal static SocketsHttpHandler Loopback(SocketsHttpHandler handler)
    {
        handler.PooledConnectionIdleTimeout = IdleTimeout;
        handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        return handler;
    }

    private static async Task WarmUpAsync(List<(int Index, LoadContender Contender)> contenders, int total)
    {
        foreach ((_, LoadContender contender) in contenders)
        {
            long started = Stopwatch.GetTimestamp();
            while (contender.CallsDone < total)
            {
                _ = await contender.RunAsync(Concurrent, (int)Math.Min(20_000, total - contender.CallsDone)).ConfigureAwait(false);
            }

            _ = await contender.RunAsync(1, 500).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up to {total:N0}: {contender.Name} ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)"));
        }
    }

    private static async Task<Dictionary<(int, int), List<LoadWindow>>> MeasureAsync(
        List<(int Index, LoadContender Contender)> contenders, int calls, int sequentialCalls, int repeats, string phase)
    {
        var windows = new Dictionary<(int, int), List<LoadWindow>>();
        for (int round = 0; round < repeats; round++)
        {
            foreach ((int inFlight, int count) in new[] { (Concurrent, calls), (1, sequentialCalls) })
            {
                // Counterbalanced: a window runs a little faster after another contender's busy window (the thread
                // pool has grown, caches are warm): measured here at 3-6 % for the later of two contenders over HTTP,
                // enough to decide a 1.0x comparison. So every contender takes every place in the order: the order
                // rotates each round (A B C D, B C D A, …) and runs backwards in the next n rounds (D C B A, A D C B, …).
                foreach ((int i, LoadContender contender) in RoundOrder(contenders, round))
                {
                    LoadWindow window = await contender.RunAsync(inFlight, count).ConfigureAwait(false);
                    if (!windows.TryGetValue((i, inFlight), out List<LoadWindow>? list))
                    {
                        windows[(i, inFlight)] = list = [];
                    }

                    list.Add(window);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{phase} {round + 1}/{repeats} c{inFlight,-2} {contender.Name,-52} {window.CallsPerSecond,8:F0} calls/s  " +
                        $"client {window.ClientCpuUsPerCall,6:F1} us/call  server {window.ServerCpuUsPerCall,6:F1} us/call  " +
                        $"p50 {window.P50Us,7:F0} us  p99 {window.P99Us,7:F0} us  {(window.BytesPerCall is { } b ? b.ToString("F0", CultureInfo.InvariantCulture) + " B/call" : "")}"));
                }
            }
        }

        return windows;
    }

    private static IEnumerable<T> RoundOrder<T>(List<T> contenders, int round)
    {
        int n = contenders.Count;
        IEnumerable<T> rotated = contenders.Skip(round % n).Concat(contenders.Take(round % n));
        return round / n % 2 == 0 ? rotated : rotated.Reverse();
    }

    private static void PrintTable(
        string phase, int inFlight, List<(int Index, LoadContender Contender)> contenders, Dictionary<(int, int), List<LoadWindow>> windows)
    {
        bool hasBaseline = windows.ContainsKey((Baseline, inFlight));
        double baseRate = hasBaseline ? Median(windows[(Baseline, inFlight)], w => w.CallsPerSecond) : double.NaN;
        double baseCpu = hasBaseline ? Median(windows[(Baseline, inFlight)], w => w.ClientCpuUsPerCall) : double.NaN;
        Console.WriteLine();
        Console.WriteLine($"### {phase}, {(inFlight == 1 ? "sequential (1 in flight)" : $"{inFlight} in flight")} — medians");
        Console.WriteLine();
        Console.WriteLine("| contender | calls/s | vs C# SDK | paired (95 % CI) | p50 µs | p99 µs | client CPU µs/call | vs C# SDK | B/call | server CPU µs/call | server cores busy |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((int i, LoadContender contender) in contenders)
        {
            List<LoadWindow> list = windows[(i, inFlight)];
            double rate = Median(list, w => w.CallsPerSecond);
            double cpu = Median(list, w => w.ClientCpuUsPerCall);
            string bytes = list[0].Bytes is null ? "n/a" : Median(list, w => w.BytesPerCall!.Value).ToString("F0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {contender.Name} | {rate:F0} | {Ratio(rate, baseRate)} | {PairedRatio(list, hasBaseline ? windows[(Baseline, inFlight)] : null)} | {Median(list, w => w.P50Us):F0} | {Median(list, w => w.P99Us):F0} | " +
                $"{cpu:F1} | {Ratio(cpu, baseCpu)} | {bytes} | {Median(list, w => w.ServerCpuUsPerCall):F1} | " +
                $"{Median(list, w => w.ServerCpuUsPerCall * w.CallsPerSecond / 1e6):F2} |"));
        }
    }

    // "n/a" when the baseline did not run (--only without 3), rather than "NaN×".
    private static string Ratio(double value, double baseline) =>
        double.IsNaN(baseline) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{value / baseline:F2}×");

    // Median over rounds of (contender ÷ baseline) in the same round: the two ran seconds apart, so a load burst that
    // hits one round moves both, which the ratio of medians does not cancel. From 6 rounds on, with its interval.
    private static string PairedRatio(List<LoadWindow> windows, List<LoadWindow>? baseline)
    {
        if (baseline is null)
        {
            return "n/a";
        }

        int rounds = Math.Min(windows.Count, baseline.Count);
        var ratios = Enumerable.Range(0, rounds).Select(r => windows[r].CallsPerSecond / baseline[r].CallsPerSecond).ToList();
        string median = string.Create(CultureInfo.InvariantCulture, $"{Median(ratios):F2}×");
        return MedianInterval(ratios) is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"{median} ({ci.Low:F2}–{ci.High:F2})")
            : median;
    }

    private static async Task LayersAsync(int calls, int repeats, bool allocationTypes)
    {
        (McpConnection connection, LoadLayers.Layer[] layers) = LoadLayers.Create();
        await using (connection.ConfigureAwait(false))
        {
            foreach (int inFlight in new[] { Concurrent, 1 })
            {
                var cpu = layers.Select(_ => new List<double>()).ToArray();
                var bytes = layers.Select(_ => new List<double>()).ToArray();
                for (int round = -1; round < repeats; round++)
                {
                    for (int l = 0; l < layers.Length; l++)
                    {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        GC.Collect();
                        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                        long cpuBefore = ProcStat.CpuTicks(Environment.ProcessId);
                        await layers[l].Run(inFlight, calls).ConfigureAwait(false);
                        long cpuAfter = ProcStat.CpuTicks(Environment.ProcessId);
                        long allocated = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
                        if (round >= 0) // round -1 is the warm-up
                        {
                            cpu[l].Add(ProcStat.TicksToMs(cpuAfter - cpuBefore) * 1000 / calls);
                            bytes[l].Add(allocated / (double)calls);
                        }
                    }
                }

                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"### Layers over an asynchronously completing in-process session, {inFlight} parked at a time, {calls:N0} calls per window — medians of {repeats}"));
                Console.WriteLine();
                Console.WriteLine("| layer | CPU µs/call | B/call | added CPU µs/call | added B/call |");
                Console.WriteLine("|---|---:|---:|---:|---:|");
                for (int l = 0; l < layers.Length; l++)
                {
                    double c = Median(cpu[l]);
                    double b = Median(bytes[l]);
                    string added = l == 0 ? "| | " : string.Create(CultureInfo.InvariantCulture,
                        $"| {c - Median(cpu[l - 1]):F2} | {b - Median(bytes[l - 1]):F0} ");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {layers[l].Name} | {c:F2} | {b:F0} {added}|"));
                }
            }

            if (allocationTypes)
            {
                await AllocationSampler.PrintAsync(layers, calls).ConfigureAwait(false);
            }
        }
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static string RepoRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "McpSdk.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (McpSdk.sln not found).");
    }
}
