using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using StackExchange.Redis;

namespace McpSdk.Benchmarks;

/// <summary>
/// Admission of a call over a session that answers at once (<see cref="CompletedSession"/>), so the differences between
/// the rows are what fleet limits add: a local call on a connection without a fleet (the baseline), the same local call
/// on a connection with one (the fast path's check that the tool has no fleet limit), a fleet slot and a fleet rate
/// permit on a loopback Redis, and a bare <c>PING</c> on the same multiplexer (the floor of one round trip). Each case's
/// process counts the requests the fleet's multiplexer sent (its own operation counter: one per round trip, awaited or
/// fire-and-forget) and prints them per call, with what Redis served (<c>INFO commandstats</c>; a script's own commands
/// count there too). Needs <c>redis-server</c> on the PATH (./test.sh installs it); the benchmark starts its own on a
/// free loopback port and stops it by PID.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project benchmarks/McpSdk.Benchmarks -- --filter *FleetAdmission*</c>.</remarks>
[MemoryDiagnoser]
public class FleetAdmissionBenchmarks
{
    private Process _redis = null!;
    private IConnectionMultiplexer _probe = null!;
    private IConnectionMultiplexer _fleet = null!;
    private long _operationsBefore;
    private McpConnection _connection = null!;
    private McpConnection _withoutFleet = null!;
    private IFleetBenchTools _tools = null!;
    private ILocalBenchTools _localWithoutFleet = null!;
    private long _callsBefore;
    private long _calls;

    [GlobalSetup]
    public void Setup()
    {
        int port = FreePort();
        _redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
        })!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        _probe = ConnectWhenUp($"127.0.0.1:{port},allowAdmin=true");

        // The fleet's own multiplexer, set up as McpFleetOptions.Redis would make it, so its requests can be counted.
        _fleet = ConnectWhenUp($"127.0.0.1:{port},abortConnect=false");

        _connection = new McpConnection(
            McpEndpoint.FromTransport(static () => throw new InvalidOperationException("No transport: the session is a fake."), "fleet admission"),
            new McpConnectionOptions { Fleet = new McpFleetOptions { Multiplexer = _fleet, KeyPrefix = "bench" } },
            new CompletedSession());
        _tools = _connection.CreateClient<IFleetBenchTools>();
        _withoutFleet = new McpConnection(
            McpEndpoint.FromTransport(static () => throw new InvalidOperationException("No transport: the session is a fake."), "no fleet"),
            new McpConnectionOptions(),
            new CompletedSession());
        _localWithoutFleet = _withoutFleet.CreateClient<ILocalBenchTools>();

        // Warm: the multiplexer connects and the scripts are loaded before anything is counted.
        _localWithoutFleet.LocalAsync().GetAwaiter().GetResult();
        _tools.LocalAsync().GetAwaiter().GetResult();
        _tools.FleetSlotAsync().GetAwaiter().GetResult();
        _tools.FleetRateAsync().GetAwaiter().GetResult();
        _callsBefore = RedisCalls();
        _operationsBefore = _fleet.GetCounters().Interactive.OperationCount;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        long operations = _fleet.GetCounters().Interactive.OperationCount - _operationsBefore;
        long commands = RedisCalls() - _callsBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Redis round trips: {operations} requests for {_calls} calls = {(double)operations / Math.Max(1, _calls):0.000} per call; " +
            $"Redis served {(double)commands / Math.Max(1, _calls):0.0} commands per call, scripts' own included ({CommandStats()})"));
        _connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _withoutFleet.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _probe.Dispose();
        _fleet.Dispose();
        _redis.Kill();
        _redis.WaitForExit();
        _redis.Dispose();
    }

    /// <summary>A <c>[MaxConcurrency(4)]</c> call on a connection without a fleet: the local scheduler's slot only.</summary>
    [Benchmark(Baseline = true)]
    public Task<string> LocalWithoutFleet()
    {
        _calls++;
        return _localWithoutFleet.LocalAsync();
    }

    /// <summary>The same local call on a connection that has a fleet: what checking for a fleet limit costs it.</summary>
    [Benchmark]
    public Task<string> LocalWithFleet()
    {
        _calls++;
        return _tools.LocalAsync();
    }

    /// <summary>A <c>[MaxConcurrency(4, Scope = Fleet)]</c> call: local slot, then a fleet slot taken and returned on Redis.</summary>
    [Benchmark]
    public Task<string> FleetSlot()
    {
        _calls++;
        return _tools.FleetSlotAsync();
    }

    /// <summary>A <c>[RateLimit(…, Scope = Fleet)]</c> call (a limit no run reaches): one permit of the sliding log on Redis.</summary>
    [Benchmark]
    public Task<string> FleetRate()
    {
        _calls++;
        return _tools.FleetRateAsync();
    }

    /// <summary>The floor: one awaited loopback round trip (PING) on the same machine, no McpSdk involved.</summary>
    [Benchmark]
    public Task<TimeSpan> RedisPing()
    {
        _calls++;
        return _fleet.GetDatabase().PingAsync();
    }

    // Commands Redis served, less the INFO calls that read them (counted by INFO itself).
    private long RedisCalls() => CommandCounts().Where(pair => pair.Command != "info").Sum(pair => pair.Calls);

    private string CommandStats() => string.Join(", ", CommandCounts().Where(pair => pair.Command != "info").Select(pair => $"{pair.Command}={pair.Calls}"));

    private (string Command, long Calls)[] CommandCounts()
    {
        IServer server = _probe.GetServers()[0];
        return server.Info("commandstats")
            .SelectMany(group => group)
            .Select(pair => (Command: pair.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
                Calls: long.Parse(pair.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture)))
            .ToArray();
    }

    private static IConnectionMultiplexer ConnectWhenUp(string redis)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                ConfigurationOptions configuration = ConfigurationOptions.Parse(redis);
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                return ConnectionMultiplexer.Connect(configuration);
            }
            catch (RedisConnectionException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The admissions <see cref="FleetAdmissionBenchmarks"/> compares on the connection with a fleet.</summary>
[McpClient]
public interface IFleetBenchTools
{
    [McpTool("local"), MaxConcurrency(4)]
    Task<string> LocalAsync(CancellationToken cancellationToken = default);

    [McpTool("fleet-slot"), MaxConcurrency(4, Scope = McpLimitScope.Fleet)]
    Task<string> FleetSlotAsync(CancellationToken cancellationToken = default);

    [McpTool("fleet-rate"), RateLimit(100_000_000, PerSeconds = 1, Scope = McpLimitScope.Fleet)]
    Task<string> FleetRateAsync(CancellationToken cancellationToken = default);
}

/// <summary>The local tool alone, for the connection without a fleet (a fleet-scoped tool could not be bound there).</summary>
[McpClient]
public interface ILocalBenchTools
{
    [McpTool("local"), MaxConcurrency(4)]
    Task<string> LocalAsync(CancellationToken cancellationToken = default);
}
