using System;
using System.Linq;
using Everything;
using McpSdk;
using ModelContextProtocol.Protocol;

// With no arguments: the embedded in-process server. With --stdio <command> [args…]: a real server, e.g.
//   dotnet run --project samples/Everything -- --stdio node tests/peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio
// With --fleet <redis>: the embedded server, and "echo" under a fleet-scoped rate kept on that Redis (see README,
// "Fleet limits"); scripts/check-aot.sh runs it so to prove fleet limits work under Native AOT.
string? fleetRedis = args is ["--fleet", var redis] ? redis : null;
McpEndpoint endpoint = args is ["--stdio", var command, .. var rest]
    ? McpEndpoint.Stdio(command, rest)
    : McpEndpoint.InProcess(EmbeddedEverythingServer.CreateOptions, "embedded server-everything");

if (args.Length > 0 && args[0] != "--stdio" && fleetRedis is null)
{
    Console.Error.WriteLine("usage: Everything [--stdio <command> [args...] | --fleet <redis>]");
    return 2;
}

var options = new McpConnectionOptions();
if (fleetRedis is not null)
{
    // FailClosed: a Redis that does not answer fails the calls rather than letting them run under a local share.
    options.Fleet = new McpFleetOptions { Redis = fleetRedis, KeyPrefix = "everything-sample", FailureMode = McpFleetFailureMode.FailClosed };
    options.ToolPolicies["echo"] = new McpToolPolicy { RateLimitPermits = 50, RateLimitScope = McpLimitScope.Fleet };
}

Console.WriteLine($"Connecting to {endpoint.Name}...");
await using McpConnection connection = await McpConnection.OpenAsync(endpoint, options);
IEverythingTools tools = connection.CreateClient<IEverythingTools>();

Console.WriteLine(await tools.EchoAsync("Hello from McpSdk"));
Console.WriteLine(await tools.GetSumAsync(1, 2));

Weather weather = await tools.GetWeatherAsync("Chicago");
Console.WriteLine(weather);

// A live progress bar on a terminal; "  progress n/3" lines when the output is redirected.
CallToolResult result = await LongRunningDisplay.RunAsync(tools, duration: 1, steps: 3);
Console.WriteLine(string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text)));

if (fleetRedis is not null)
{
    for (int i = 0; i < 3; i++)
    {
        await tools.EchoAsync("fleet " + i);
    }

    McpToolStats echo = connection.GetStats().Tools["echo"];
    Console.WriteLine($"fleet: {echo.Succeeded} echo calls under a fleet rate on {fleetRedis}, {echo.FleetFallbacks} fallbacks");
}

Console.WriteLine();
StatsTable.Print(connection.GetStats());
return 0;
