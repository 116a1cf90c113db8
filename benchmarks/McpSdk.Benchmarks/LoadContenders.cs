using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Benchmarks;

/// <summary>The <c>echo</c> tool of server-everything, as a user of McpSdk declares it.</summary>
[McpClient]
public interface ILoadEchoTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);
}

/// <summary>What one timed window of one contender measured.</summary>
internal readonly record struct LoadWindow(
    int Calls, double WallMs, double ClientCpuMs, double ServerCpuMs, double P50Us, double P99Us, double? Bytes)
{
    public double CallsPerSecond => Calls / (WallMs / 1000);

    public double ClientCpuUsPerCall => ClientCpuMs * 1000 / Calls;

    public double ServerCpuUsPerCall => ServerCpuMs * 1000 / Calls;

    public double? BytesPerCall => Bytes / Calls;
}

/// <summary>One contender of the load run: a client with its own server process(es), kept for the whole run.</summary>
internal abstract class LoadContender : IAsyncDisposable
{
    protected LoadContender(string name) => Name = name;

    public string Name { get; }

    /// <summary>Calls made so far (warm-up included).</summary>
    public long CallsDone { get; private set; }

    /// <summary>The server processes this contender talks to (their CPU is reported apart from the client's).</summary>
    protected IReadOnlyList<int> ServerPids { get; set; } = [];

    /// <summary>Names the server processes when the caller started them (Streamable HTTP), not the contender.</summary>
    public void UseServerPids(IReadOnlyList<int> pids) => ServerPids = pids;

    public async Task<LoadWindow> RunAsync(int inFlight, int calls)
    {
        long serverBefore = ServerPids.Sum(ProcStat.CpuTicks);
        LoadWindow window = await RunCoreAsync(inFlight, calls).ConfigureAwait(false);
        long serverAfter = ServerPids.Sum(ProcStat.CpuTicks);
        CallsDone += calls;
        return window with { ServerCpuMs = ProcStat.TicksToMs(serverAfter - serverBefore) };
    }

    protected abstract Task<LoadWindow> RunCoreAsync(int inFlight, int calls);

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// A C# contender: a closed loop of <c>inFlight</c> async workers in this process, each awaiting one call at a time.
/// Client CPU is this process's utime+stime (<c>/proc/self/stat</c>) over the window, bytes are
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/>; the node server is another process and not counted.
/// </summary>
internal abstract class CSharpLoadContender(string name) : LoadContender(name)
{
    protected const string Message = "hello";
    protected const string Expected = "Echo: hello";

    private int _next;
    private int _calls;
    private long[] _latencies = [];

    /// <summary>One worker: <c>while (TryNext(out int i)) { started = now; await call; Record(i, started); }</c>.</summary>
    protected abstract Task WorkerAsync();

    /// <summary>Runs one window's calls with <paramref name="inFlight"/> outstanding: by default that many <see cref="WorkerAsync"/> loops.</summary>
    protected virtual Task DriveAsync(int inFlight)
    {
        var workers = new Task[inFlight];
        for (int i = 0; i < inFlight; i++)
        {
            workers[i] = WorkerAsync();
        }

        return Task.WhenAll(workers);
    }

    /// <summary>The number of calls in the current window.</summary>
    protected int WindowCalls => _calls;

    protected bool TryNext(out int index)
    {
        index = Interlocked.Increment(ref _next) - 1;
        return index < _calls;
    }

    protected void Record(int index, long started) => _latencies[index] = Stopwatch.GetTimestamp() - started;

    protected override async Task<LoadWindow> RunCoreAsync(int inFlight, int calls)
    {
        if (_latencies.Length < calls)
        {
            _latencies = new long[calls];
        }

        _calls = calls;
        _next = 0;

        // The previous contender's garbage must not be collected on this one's clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        long cpuBefore = ProcStat.CpuTicks(Environment.ProcessId);
        long started = Stopwatch.GetTimestamp();
        await DriveAsync(inFlight).ConfigureAwait(false);
        double wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        long cpuAfter = ProcStat.CpuTicks(Environment.ProcessId);
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;

        long[] sorted = _latencies[..calls];
        Array.Sort(sorted);
        return new LoadWindow(
            calls, wallMs, ProcStat.TicksToMs(cpuAfter - cpuBefore), 0,
            TicksToUs(sorted[Math.Min(calls - 1, calls / 2)]), TicksToUs(sorted[Math.Min(calls - 1, (int)(calls * 0.99))]), bytes);
    }

    private static double TicksToUs(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Starts <paramref name="open"/> and notes the server processes it started (new children of this process).</summary>
    protected async Task<T> TrackServersAsync<T>(Func<Task<T>> open)
    {
        HashSet<int> before = ProcStat.Children(Environment.ProcessId);
        T opened = await open().ConfigureAwait(false);
        ServerPids = [.. ProcStat.Children(Environment.ProcessId).Except(before)];
        return opened;
    }

    protected static void Check(string text)
    {
        if (text != Expected)
        {
            throw new InvalidOperationException($"Unexpected echo result '{text}'.");
        }
    }
}

/// <summary>Ours: the generated proxy → invoker → scheduler → pool → a session on the engine the options name.</summary>
internal sealed class ProxyContender : CSharpLoadContender
{
    private McpConnection _connection = null!;
    private ILoadEchoTools _tools = null!;

    private ProxyContender(string name)
        : base(name)
    {
    }

    public static async Task<ProxyContender> StartAsync(McpEndpoint endpoint, int sessions, McpSessionEngine engine = McpSessionEngine.Auto)
    {
        string engineName = engine switch
        {
            McpSessionEngine.Lean => ", lean engine",
            McpSessionEngine.Sdk => ", SDK engine",
            _ => string.Empty,
        };
        var contender = new ProxyContender(sessions == 1 ? $"McpSdk proxy{engineName}, 1 session" : $"McpSdk proxy{engineName}, {sessions} sessions");
        contender._connection = await contender.TrackServersAsync(() => McpConnection.OpenAsync(
            endpoint, new McpConnectionOptions { MinSessions = sessions, MaxSessions = sessions, Engine = engine })).ConfigureAwait(false);
        contender._tools = contender._connection.CreateClient<ILoadEchoTools>();
        Check(await contender._tools.EchoAsync(Message).ConfigureAwait(false));
        return contender;
    }

    protected override async Task WorkerAsync()
    {
        while (TryNext(out int index))
        {
            long started = Stopwatch.GetTimestamp();
            _ = await _tools.EchoAsync(Message).ConfigureAwait(false);
            Record(index, started);
        }
    }

    public override ValueTask DisposeAsync() => _connection.DisposeAsync();
}

/// <summary>The official C# SDK as its users call it: <c>McpClient.CallToolAsync(name, dictionary)</c> on one session.</summary>
internal sealed class RawSdkContender : CSharpLoadContender
{
    private McpClient _client = null!;

    private RawSdkContender()
        : base("official C# SDK McpClient (baseline)")
    {
    }

    public static async Task<RawSdkContender> StartAsync(string command, string[] arguments)
    {
        var contender = new RawSdkContender();
        contender._client = await contender.TrackServersAsync(() => McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions { Command = command, Arguments = arguments, Name = "raw" }))).ConfigureAwait(false);
        CallToolResult result = await contender._client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = Message }).ConfigureAwait(false);
        Check(((TextContentBlock)result.Content[0]).Text);
        return contender;
    }

    /// <summary>
    /// The same over Streamable HTTP: <c>HttpClientTransport</c> on a plain <c>HttpClient</c> of its own, whose pooled
    /// connections are dropped after <see cref="Load.IdleTimeout"/> idle, as ours are (see there why).
    /// </summary>
    public static async Task<RawSdkContender> StartHttpAsync(Uri uri)
    {
        var contender = new RawSdkContender();
        var httpClient = new HttpClient(Load.Loopback(new SocketsHttpHandler()));
        contender._client = await McpClient.CreateAsync(new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = uri, TransportMode = HttpTransportMode.StreamableHttp, Name = "raw" },
            httpClient,
            ownsHttpClient: true)).ConfigureAwait(false);
        CallToolResult result = await contender._client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = Message }).ConfigureAwait(false);
        Check(((TextContentBlock)result.Content[0]).Text);
        return contender;
    }

    protected override async Task WorkerAsync()
    {
        while (TryNext(out int index))
        {
            long started = Stopwatch.GetTimestamp();
            CallToolResult result = await _client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = Message }).ConfigureAwait(false);
            _ = ((TextContentBlock)result.Content[0]).Text;
            Record(index, started);
        }
    }

    public override ValueTask DisposeAsync() => _client.DisposeAsync();
}

/// <summary>
/// A node contender (<c>benchmarks/peers/load-client.mjs</c>): the client is a node process that starts its own server
/// (stdio modes) or talks to the URL it is given (<c>sdk-http</c>, <c>raw-http</c>), and runs each window when told to on
/// stdin; it measures its own CPU from <c>/proc/self/stat</c>.
/// </summary>
internal sealed class NodeContender : LoadContender
{
    private readonly Process _process;

    private NodeContender(string name, Process process)
        : base(name) => _process = process;

    public static async Task<NodeContender> StartAsync(string name, string mode, string script, string serverScriptOrUrl)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(serverScriptOrUrl);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var contender = new NodeContender(name, process);
        string ready = await contender.ReadLineAsync().ConfigureAwait(false);
        using JsonDocument document = JsonDocument.Parse(ready);
        if (document.RootElement.TryGetProperty("serverPid", out JsonElement serverPid) && serverPid.ValueKind == JsonValueKind.Number)
        {
            contender.ServerPids = [serverPid.GetInt32()];
        }

        return contender;
    }

    private async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        return await _process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{Name}: the node client exited (code {(_process.HasExited ? _process.ExitCode : -1)}).");
    }

    protected override async Task<LoadWindow> RunCoreAsync(int inFlight, int calls)
    {
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{{\"inFlight\":{inFlight},\"calls\":{calls}}}")).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
        using JsonDocument document = JsonDocument.Parse(await ReadLineAsync().ConfigureAwait(false));
        JsonElement r = document.RootElement;
        return new LoadWindow(
            r.GetProperty("calls").GetInt32(), r.GetProperty("wallMs").GetDouble(), r.GetProperty("cpuMs").GetDouble(), 0,
            r.GetProperty("p50Us").GetDouble(), r.GetProperty("p99Us").GetDouble(), Bytes: null);
    }

    public override async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

/// <summary>CPU time and children of processes, from <c>/proc</c> (Linux).</summary>
internal static class ProcStat
{
    private const double TicksPerSecond = 100; // USER_HZ (getconf CLK_TCK)

    public static double TicksToMs(long ticks) => ticks * 1000 / TicksPerSecond;

    /// <summary>utime + stime of a process, in clock ticks; 0 once it is gone.</summary>
    public static long CpuTicks(int pid)
    {
        string[]? fields = Fields(pid);
        return fields is null ? 0 : long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    public static HashSet<int> Children(int parent)
    {
        var children = new HashSet<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && Fields(pid) is { } fields
                && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    // The fields after "(comm) ": [0] is field 3 (state), [1] field 4 (ppid), [11] field 14 (utime), [12] field 15 (stime).
    private static string[]? Fields(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
