using System;
using System.Linq;
using Everything;
using McpSdk;
using ModelContextProtocol.Protocol;

// With no arguments: the embedded in-process server. With --stdio <command> [args…]: a real server, e.g.
//   dotnet run --project samples/Everything -- --stdio node tests/peers/node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio
McpEndpoint endpoint = args is ["--stdio", var command, .. var rest]
    ? McpEndpoint.Stdio(command, rest)
    : McpEndpoint.InProcess(EmbeddedEverythingServer.CreateOptions, "embedded server-everything");

if (args.Length > 0 && args[0] != "--stdio")
{
    Console.Error.WriteLine("usage: Everything [--stdio <command> [args...]]");
    return 2;
}

Console.WriteLine($"Connecting to {endpoint.Name}...");
await using McpConnection connection = await McpConnection.OpenAsync(endpoint);
IEverythingTools tools = connection.CreateClient<IEverythingTools>();

Console.WriteLine(await tools.EchoAsync("Hello from McpSdk"));
Console.WriteLine(await tools.GetSumAsync(1, 2));

Weather weather = await tools.GetWeatherAsync("Chicago");
Console.WriteLine(weather);

// A live progress bar on a terminal; "  progress n/3" lines when the output is redirected.
CallToolResult result = await LongRunningDisplay.RunAsync(tools, duration: 1, steps: 3);
Console.WriteLine(string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text)));

Console.WriteLine();
StatsTable.Print(connection.GetStats());
return 0;
