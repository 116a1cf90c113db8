using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.Tests.Servers;

/// <summary>
/// An in-process MCP server (official SDK, low-level handlers) whose tools answer in every shape the client
/// must read, and which records what it saw so tests can assert on the server's side of each call.
/// </summary>
internal sealed class TestToolServer
{
    private int _sessions;
    private int _slowCalls;
    private int _maxSlowCalls;
    private int _pings;

    /// <summary>The raw JSON arguments of every call, by tool name, in arrival order.</summary>
    public ConcurrentQueue<(string Tool, string Arguments)> Calls { get; } = new();

    /// <summary>Completes when a call of <c>hang</c> sees its request cancelled by the client.</summary>
    public TaskCompletionSource HangCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a call of <c>hang</c> has started on the server.</summary>
    public TaskCompletionSource HangStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The most calls of <c>slow</c> the server ever ran at once.</summary>
    public int MaxConcurrentSlowCalls => Volatile.Read(ref _maxSlowCalls);

    /// <summary>How many <c>ping</c> requests reached the server, over all its sessions.</summary>
    public int Pings => Volatile.Read(ref _pings);

    /// <summary>How many sessions (server instances) were started.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>What <c>tools/list</c> answers; empty unless a test lists tools.</summary>
    public List<Tool> ListedTools { get; } = [];

    public McpEndpoint Endpoint => McpEndpoint.InProcess(CreateOptions, "test tool server");

    private McpServerOptions CreateOptions()
    {
        Interlocked.Increment(ref _sessions);
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "test-tool-server", Version = "1.0.0" },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = ListedTools }),
                CallToolHandler = CallToolAsync,
            },
        };
        options.Filters.Message.IncomingFilters.Add(next => (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.Ping })
            {
                Interlocked.Increment(ref _pings);
            }

            return next(context, cancellationToken);
        });
        return options;
    }

    private async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        CallToolRequestParams request = context.Params!;
        IDictionary<string, JsonElement> args = request.Arguments ?? new Dictionary<string, JsonElement>();
        Calls.Enqueue((request.Name, JsonSerializer.Serialize(args, TestJsonContext.Default.IDictionaryStringJsonElement)));

        switch (request.Name)
        {
            case "echo":
                return Text("Echo: " + args["message"].GetString());
            case "arguments":
                // Answers with the arguments exactly as received, so tests can see what went on the wire.
                return Text(JsonSerializer.Serialize(args, TestJsonContext.Default.IDictionaryStringJsonElement));
            case "add":
                return Text((args["a"].GetDouble() + args["b"].GetDouble()).ToString(CultureInfo.InvariantCulture));
            case "weather":
                return Structured("""{"temperature":21.5,"conditions":"Sunny","humidity":40}""");
            case "weather-wrong-type":
                return Structured("""{"temperature":"hot","conditions":"Sunny","humidity":40}""");
            case "weather-missing-member":
                return Structured("""{"temperature":21.5,"humidity":40}""");
            case "reading":
                return Structured("""{"value":3,"unit":"Fahrenheit"}""");
            case "unit":
                return Text("\"Celsius\"");
            case "weather-as-text":
                return Text("""{"temperature":18,"conditions":"Rain","humidity":90}""");
            case "null-json":
                return Text("null");
            case "image-only":
                return new CallToolResult { Content = [new ImageContentBlock { Data = "AA=="u8.ToArray(), MimeType = "image/png" }] };
            case "fail":
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "the tool broke: " + args["reason"].GetString() }] };
            case "progress":
                int steps = args["steps"].GetInt32();
                for (int step = 1; step <= steps; step++)
                {
                    await context.Server.NotifyProgressAsync(
                        request.ProgressToken!.Value,
                        new ProgressNotificationValue { Progress = step, Total = steps, Message = $"step {step}" },
                        cancellationToken: cancellationToken);
                }

                return Text("done");
            case "slow":
                int now = Interlocked.Increment(ref _slowCalls);
                for (int max = Volatile.Read(ref _maxSlowCalls); now > max; max = Volatile.Read(ref _maxSlowCalls))
                {
                    Interlocked.CompareExchange(ref _maxSlowCalls, now, max);
                }

                try
                {
                    await Task.Delay(args["milliseconds"].GetInt32(), cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _slowCalls);
                }

                return Text("slow done");
            case "hang":
                HangStarted.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    HangCancelled.TrySetResult();
                    throw;
                }

                return Text("unreachable");
            default:
                throw new McpProtocolException($"Unknown tool '{request.Name}'.", McpErrorCode.InvalidParams);
        }
    }

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    private static CallToolResult Structured(string json)
    {
        JsonElement element = JsonDocument.Parse(json).RootElement.Clone();
        return new CallToolResult { Content = [new TextContentBlock { Text = json }], StructuredContent = element };
    }
}
