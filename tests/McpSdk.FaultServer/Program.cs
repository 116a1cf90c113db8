using System;
using McpSdk.FaultServer;
using ModelContextProtocol.Server;

// An MCP server whose tools misbehave on demand (docs/RELIABILITY.md lists them), over stdio (no arguments) or over
// Streamable HTTP (`http`, or `http --https` with HTTP/2: see HttpHost). Logs go to stderr only; over stdio, stdout carries nothing but what the SDK
// transport writes and the bytes a fault injects between its messages.
if (args.Length > 0 && args[0] == "http")
{
    return await HttpHost.RunAsync(https: Array.IndexOf(args, "--https") > 0);
}

var stdout = new LineGuardedStream(Console.OpenStandardOutput());
var faults = new Faults(stdout);
Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} started");
await using (McpServer server = McpServer.Create(new StreamServerTransport(Console.OpenStandardInput(), stdout, "fault-server"), faults.Configure(new McpServerOptions())))
{
    await server.RunAsync();
}

Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} stdin closed, exiting");
return 0;
