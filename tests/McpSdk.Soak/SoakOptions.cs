using System;
using System.Globalization;
using System.IO;

namespace McpSdk.Soak;

/// <summary>The soak's settings, from the command line (<see cref="Help"/> lists them).</summary>
internal sealed record SoakOptions
{
    /// <summary>How much the memory may grow from the middle sample to the end one: a share of the middle value...</summary>
    public const double MemoryGrowthShare = 0.10;

    /// <summary>...plus this many bytes (for the allocator's and the runtime's own granularity).</summary>
    public const long MemoryGrowthBytes = 8L * 1024 * 1024;

    public const string Help = """
        McpSdk soak: many calls through an [McpClient] proxy and one McpConnection over a pool of stdio sessions of
        tests/McpSdk.FaultServer (one server process each), with a mix of policies ([Priority], [Timeout], [Retry],
        [MaxConcurrency], [QueueLimit], [RateLimit]), random cancellations and faults injected at a set rate (crash,
        half a line then exit, hang, slow past a deadline, isError, wrong shape, garbage line, unknown response id,
        progress after the result).

        Usage: dotnet tests/McpSdk.Soak/bin/Release/net10.0/McpSdk.Soak.dll [options]

          --calls N          calls to make (default 1000000)
          --duration T       stop submitting after T, e.g. 600, 90s, 10m (default 10m); whichever of --calls and
                             --duration comes first ends the run, and the calls in flight then finish
          --concurrency N    calls in flight: N workers, each making one call at a time (default 64)
          --fault-rate P     share of calls that inject a fault, 0..1 (default 0.01)
          --cancel-rate P    share of calls whose token is cancelled at a random time, 0..50 ms (default 0.02)
          --seed N           seed of each worker's random choices (default 1); how far each worker gets varies with timing
          --sessions N       the pool's MaxSessions (default 4; MinSessions 2, MaxCallsPerSession 16)
          --server PATH      the fault server's dll (default: tests/McpSdk.FaultServer/bin/<configuration>/net10.0/FaultServer.dll)
          --margin T         how long a call may outlive its deadline before it counts as hung (default 5s)
          --reopen-every T   every T, open a new connection, switch the workers to it and dispose the old one under
                             load (default: never); its waiting calls then fail with ObjectDisposedException and its
                             running ones with McpSessionLostException, and the accounting adds up every connection
          --help             this text

        Exit code 0 only if every check holds:
          - accounting: submitted = succeeded + failed + cancelled, in the soak's own count and in
            connection.GetStats() (which must agree with it), with nothing in flight or queued at the end;
          - no call hung: a watchdog thread sees every call end within its deadline (its [Timeout], or the caller's
            token: 5 s, 250 ms for hang without [Timeout]) plus the margin, and no call is pending after the drain;
          - every failure is a documented McpSdk exception naming its tool, OperationCanceledException for a
            cancelled caller token, or (with --reopen-every) ObjectDisposedException naming the tool for a call the
            disposal caught waiting; anything else is "unexpected";
          - the pool recovers: an ok call succeeds after the run, and within 10 s MinSessions sessions live;
          - memory flat: from the middle sample to the end one, neither the managed heap after a full GC nor the
            working set after it grows by more than 10% of the middle value + 8 MB.
        Exit code 1 if a check fails, 2 for bad options.
        """;

    public long Calls { get; init; } = 1_000_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    public int Concurrency { get; init; } = 64;

    public double FaultRate { get; init; } = 0.01;

    public double CancelRate { get; init; } = 0.02;

    public int Seed { get; init; } = 1;

    public int Sessions { get; init; } = 4;

    public string? Server { get; init; }

    public TimeSpan Margin { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan? ReopenEvery { get; init; }

    /// <summary>Reads the command line; throws <see cref="FormatException"/> naming the bad option.</summary>
    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--calls" => options with { Calls = Positive(name, long.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--duration" => options with { Duration = Time(name, Value()) },
                "--concurrency" => options with { Concurrency = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--fault-rate" => options with { FaultRate = Share(name, Value()) },
                "--cancel-rate" => options with { CancelRate = Share(name, Value()) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--sessions" => options with { Sessions = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--server" => options with { Server = Value() },
                "--margin" => options with { Margin = Time(name, Value()) },
                "--reopen-every" => options with { ReopenEvery = Time(name, Value()) },
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    /// <summary>The fault server to run: <see cref="Server"/>, or the one built next to this program's configuration.</summary>
    public string ServerPath()
    {
        if (Server is not null)
        {
            return Path.GetFullPath(Server);
        }

        // This program runs from tests/McpSdk.Soak/bin/<Configuration>/net10.0; the fault server builds beside it.
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = output.Parent!.Name;
        string tests = output.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(tests, "McpSdk.FaultServer", "bin", configuration, "net10.0", "FaultServer.dll");
    }

    private static long Positive(string name, long value) => value > 0 ? value : throw new FormatException($"{name} must be positive.");

    private static double Share(string name, string text)
    {
        double value = double.Parse(text, CultureInfo.InvariantCulture);
        return value is >= 0 and <= 1 ? value : throw new FormatException($"{name} must be between 0 and 1.");
    }

    private static TimeSpan Time(string name, string text)
    {
        double scale = text.EndsWith("ms", StringComparison.Ordinal) ? 0.001 : text.EndsWith('m') ? 60 : 1;
        string number = text.TrimEnd('s', 'm');
        double seconds = double.Parse(number, CultureInfo.InvariantCulture) * scale;
        return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new FormatException($"{name} must be positive.");
    }
}
