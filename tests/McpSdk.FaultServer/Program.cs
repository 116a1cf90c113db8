using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.FaultServer;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// An MCP server over stdio whose tools misbehave on demand (docs/RELIABILITY.md lists them). Logs go to stderr only;
// stdout carries nothing but what the SDK transport writes and the bytes a fault injects between its messages.
var stdout = new LineGuardedStream(Console.OpenStandardOutput());
var faults = new Faults(stdout);
var options = new McpServerOptions
{
    ServerInfo = new Implementation { Name = "mcpsdk-fault-server", Version = "1.0.0" },
    Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
    Handlers = new McpServerHandlers
    {
        ListToolsHandler = (_, _) => ValueTask.FromResult(Faults.List()),
        CallToolHandler = faults.CallAsync,
    },
};

Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} started");
await using (McpServer server = McpServer.Create(new StreamServerTransport(Console.OpenStandardInput(), stdout, "fault-server"), options))
{
    await server.RunAsync();
}

Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} stdin closed, exiting");
return 0;

namespace McpSdk.FaultServer
{
    internal sealed class Faults(LineGuardedStream stdout)
    {
        /// <summary>The exit code of every fault that ends the process, so a test can tell a crash from a clean exit.</summary>
        public const int CrashExitCode = 86;

        private static readonly string[] Names =
        [
            "ok", "crash-now", "crash-after", "hang", "slow", "garbage", "partial", "is-error", "wrong-shape", "progress-after-result", "unknown-id",
        ];

        private int _calls;

        public static ListToolsResult List()
        {
            var tools = new List<Tool>();
            foreach (string name in Names)
            {
                tools.Add(new Tool { Name = name, Description = $"Fault '{name}'." });
            }

            return new ListToolsResult { Tools = tools };
        }

        public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
        {
            CallToolRequestParams request = context.Params!;
            IDictionary<string, JsonElement> args = request.Arguments ?? new Dictionary<string, JsonElement>();
            int ordinal = Interlocked.Increment(ref _calls); // every tools/call this process received, of any tool
            string tool = request.Name;

            switch (tool)
            {
                case "ok":
                    return Text("ok");

                case "crash-now":
                    Crash(tool, "before answering");
                    break;

                case "crash-after":
                    int n = args.TryGetValue("n", out JsonElement limit) ? limit.GetInt32() : 1;
                    if (ordinal >= n)
                    {
                        Crash(tool, $"at call {ordinal} of this process (n = {n}), before answering it");
                    }

                    return Text($"ok: call {ordinal} of {n}");

                case "hang":
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;

                case "slow":
                    int ms = args.TryGetValue("ms", out JsonElement delay) ? delay.GetInt32() : 1_000;
                    await Task.Delay(ms, cancellationToken);
                    return Text($"slow: {ms.ToString(CultureInfo.InvariantCulture)} ms");

                case "garbage":
                    stdout.Inject("fault-server garbage: this line is not JSON\n"u8);
                    return Text("ok after garbage");

                case "partial":
                    stdout.Inject("{\"jsonrpc\":\"2.0\",\"id\":"u8);
                    Crash(tool, "after half a JSON-RPC line");
                    break;

                case "is-error":
                    return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "fault-server: is-error requested" }] };

                case "wrong-shape":
                    JsonElement shape = JsonDocument.Parse("""{"unexpected":["not","the","declared","record"]}""").RootElement.Clone();
                    return new CallToolResult { Content = [new TextContentBlock { Text = shape.GetRawText() }], StructuredContent = shape };

                case "progress-after-result":
                    _ = ProgressAfterResultAsync(context, request.ProgressToken);
                    return Text("ok before progress");

                case "unknown-id":
                    stdout.Inject(Encoding.UTF8.GetBytes(
                        $"{{\"jsonrpc\":\"2.0\",\"id\":\"fault-server-never-sent-{Guid.NewGuid():N}\",\"result\":{{\"content\":[]}}}}\n"));
                    return Text("ok after unknown id");
            }

            throw new McpProtocolException($"Unknown tool '{tool}'.", McpErrorCode.InvalidParams);
        }

        private async Task ProgressAfterResultAsync(RequestContext<CallToolRequestParams> context, ProgressToken? token)
        {
            try
            {
                await stdout.WhenResponseWritten(context.JsonRpcRequest.Id.ToString()).WaitAsync(TimeSpan.FromSeconds(30));
                if (token is { } progressToken)
                {
                    await context.Server.NotifyProgressAsync(progressToken, new ProgressNotificationValue { Progress = 1, Total = 1, Message = "after the result" });
                }
                else
                {
                    stdout.Inject("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"fault-server-no-token","progress":1,"total":1}}"""u8 + "\n"u8);
                }
            }
            catch (Exception e) when (e is TimeoutException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                Console.Error.WriteLine($"fault-server: progress-after-result could not send: {e.Message}");
            }
        }

        private static void Crash(string tool, string when)
        {
            Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} '{tool}' exits {when}");
            Environment.Exit(CrashExitCode);
        }

        private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };
    }
}
