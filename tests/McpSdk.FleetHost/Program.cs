using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;
using McpSdk.FleetHost;
using ModelContextProtocol.Client;

// One replica of a fleet, for tests/McpSdk.Tests/Fleet: opens one connection to the fault server over HTTP with a fleet
// on Redis, then obeys commands from stdin, one a line, answering each with one line on stdout:
//   run <slot|rate> <calls> <parallel> <ms>  → "done ok=… fleet-rejected=… other=… hung=… fallbacks=… submitted=… accounted=… elapsed-ms=…"
//   hold <n> <ms>                          → "holding" at once; n slot calls of ms each run in the background
//   probe                                   → "redis-ok" once a slot call was admitted through Redis (not a fallback), or "redis-down"
//   quit                                    → disposes the connection and exits 0
// Arguments: <server url> <redis> <key prefix> <FailOpen|FailClosed> <expected replicas> <slot lease ms> <poll interval ms>
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: FleetHost <server url> <redis> <key prefix> <FailOpen|FailClosed> <expected replicas> <slot lease ms> <poll interval ms>");
    return 2;
}

var options = new McpConnectionOptions
{
    MinSessions = 1,
    MaxSessions = 1,
    MaxCallsPerSession = 256,
    Fleet = new McpFleetOptions
    {
        Redis = args[1],
        KeyPrefix = args[2],
        FailureMode = Enum.Parse<McpFleetFailureMode>(args[3]),
        ExpectedReplicas = int.Parse(args[4], CultureInfo.InvariantCulture),
        SlotLease = TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture)),
        RetryRedisAfter = TimeSpan.FromMilliseconds(200),
        PollInterval = TimeSpan.FromMilliseconds(int.Parse(args[6], CultureInfo.InvariantCulture)),
    },
};

await using McpConnection connection = await McpConnection.OpenAsync(
    McpEndpoint.Http(new Uri(args[0]), new McpHttpOptions { TransportMode = HttpTransportMode.StreamableHttp }), options);
IFleetTools tools = connection.CreateClient<IFleetTools>();
Console.Out.WriteLine("ready");
Console.Out.Flush();

while (Console.In.ReadLine() is { } line)
{
    string[] command = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    switch (command.FirstOrDefault())
    {
        case "run":
            bool slot = command[1] == "slot";
            Console.Out.WriteLine(await RunAsync(
                ms => slot ? tools.SlotAsync(ms, Deadline()) : tools.RateAsync(ms, Deadline()),
                slot ? "counted" : "counted-rate",
                int.Parse(command[2], CultureInfo.InvariantCulture), int.Parse(command[3], CultureInfo.InvariantCulture), int.Parse(command[4], CultureInfo.InvariantCulture)));
            break;

        case "hold":
            int ms = int.Parse(command[2], CultureInfo.InvariantCulture);
            for (int i = 0; i < int.Parse(command[1], CultureInfo.InvariantCulture); i++)
            {
                _ = tools.SlotAsync(ms);
            }

            Console.Out.WriteLine("holding");
            break;

        case "probe":
            Console.Out.WriteLine(await ProbeAsync() ? "redis-ok" : "redis-down");
            break;

        case "quit":
            return 0;

        default:
            Console.Out.WriteLine("unknown command: " + line);
            break;
    }

    Console.Out.Flush();
}

return 0;

// Nothing may hang: a call still unanswered after 60 s is cancelled and counted as hung.
static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

async Task<string> RunAsync(Func<int, Task<string>> call, string tool, int calls, int parallel, int ms)
{
    long fallbacksBefore = Fallbacks(tool);
    int ok = 0, fleetRejected = 0, other = 0, hung = 0, next = 0;
    string? firstError = null;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) <= calls)
        {
            try
            {
                await call(ms);
                Interlocked.Increment(ref ok);
            }
            catch (McpRateLimitedException limited) when (limited.Fleet == options.Fleet!.KeyPrefix)
            {
                Interlocked.Increment(ref fleetRejected);
                Interlocked.CompareExchange(ref firstError, limited.Message, null);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref hung);
            }
            catch (Exception exception)
            {
                Interlocked.Increment(ref other);
                Interlocked.CompareExchange(ref firstError, exception.GetType().Name + ": " + exception.Message, null);
            }
        }
    }));

    McpToolStats stats = connection.GetStats().Tools[tool];
    string error = firstError is null ? "" : " first-error=" + firstError.Replace('\n', ' ');
    return $"done ok={ok} fleet-rejected={fleetRejected} other={other} hung={hung} fallbacks={Fallbacks(tool) - fallbacksBefore} " +
        $"submitted={stats.Submitted} accounted={stats.Succeeded + stats.Failed + stats.Cancelled} elapsed-ms={clock.ElapsedMilliseconds}{error}";
}

async Task<bool> ProbeAsync()
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(30))
    {
        long before = Fallbacks("counted");
        try
        {
            await tools.SlotAsync(1, Deadline());
        }
        catch (McpRateLimitedException)
        {
            // FailClosed while Redis is still away.
        }

        if (Fallbacks("counted") == before)
        {
            return true;
        }

        await Task.Delay(100);
    }

    return false;
}

long Fallbacks(string tool) => connection.GetStats().Tools.TryGetValue(tool, out McpToolStats? stats) ? stats.FleetFallbacks : 0;
