using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.FaultServer;

/// <summary>
/// The fault server's tools. Over stdio, <paramref name="stdout"/> is where faults inject raw bytes; over HTTP it is
/// null, and the faults that need it refuse (the HTTP faults live in <see cref="HttpFaults"/>, in front of the SDK).
/// </summary>
internal sealed class Faults(LineGuardedStream? stdout)
{
    /// <summary>The exit code of every fault that ends the process, so a test can tell a crash from a clean exit.</summary>
    public const int CrashExitCode = 86;

    /// <summary>How many extra tools (<c>tool-00001</c>, …) <c>tools/list</c> returns besides the faults; 0 by default.</summary>
    public const string ExtraToolsVariable = "FAULT_SERVER_EXTRA_TOOLS";

    /// <summary>
    /// How the server opens sessions: unset for both forms (<c>initialize</c> and <c>server/discover</c>), a protocol
    /// version to pin (<c>2026-07-28</c>: <c>initialize</c> is refused), <c>no-discover</c> to answer <c>server/discover</c>
    /// as an unknown method, or <c>@path</c> to read one of these from a file when the process starts.
    /// </summary>
    public const string ProtocolVariable = "FAULT_SERVER_PROTOCOL";

    /// <summary><see cref="ProtocolVariable"/> as this process starts with it, read from its file where it names one.</summary>
    public static string? Protocol() => Environment.GetEnvironmentVariable(ProtocolVariable) switch
    {
        ['@', .. string path] => File.ReadAllText(path).Trim(),
        var value => value,
    };

    /// <summary>Tools whose names a client must carry as they are; each answers with its own name.</summary>
    public static readonly string[] OddNames = ["with space", "ünïcødé-工具-🔧", "a/b/c", "dots.in.name", "semi;colon&amp"];

    private static readonly string[] Names =
    [
        "ok", "crash-now", "crash-after", "hang", "slow", "garbage", "partial", "is-error", "wrong-shape", "progress-after-result", "unknown-id",
        "echo", "echo-args", "measure-args", "counted", "counted-rate", "big-result", "deep-result", "invalid-utf8", "progress", "elicit", "ask",
        .. HttpFaults.Names, .. FaultTasks.Names,
    ];

    private readonly int _extraTools = int.TryParse(Environment.GetEnvironmentVariable(ExtraToolsVariable), CultureInfo.InvariantCulture, out int extra) ? extra : 0;
    private int _calls;

    public McpServerOptions Configure(McpServerOptions options)
    {
        options.ServerInfo = new Implementation { Name = "mcpsdk-fault-server", Version = "1.0.0" };
        options.Capabilities = new ServerCapabilities { Tools = new ToolsCapability() };
        options.Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(List()),
            CallToolWithAlternateHandler = async (context, cancellationToken) =>
                FaultTasks.IsTaskCall(context) ? FaultTasks.Create(context) : new ResultOrAlternate<CallToolResult>(await CallAsync(context, cancellationToken)),
        };
        string? protocol = Protocol();
        if (protocol == "no-discover")
        {
            Refuse(options, RequestMethods.ServerDiscover);
        }
        else if (!string.IsNullOrEmpty(protocol))
        {
            options.ProtocolVersion = protocol;
        }

        if (Environment.GetEnvironmentVariable("FAULT_SERVER_REFUSE_TOOLS_LIST") == "1")
        {
            // A server whose tools are called by name only: clients that list first must carry on without the list.
            Refuse(options, RequestMethods.ToolsList);
        }

        options.RequestHandlers = [.. FaultTasks.Handlers()];
        return options;
    }

    /// <summary>Answers <paramref name="method"/> as a server without it does: "method not found".</summary>
    private static void Refuse(McpServerOptions options, string method) =>
        options.Filters.Message.IncomingFilters.Add(next => (context, cancellationToken) =>
            context.JsonRpcMessage is JsonRpcRequest request && request.Method == method
                ? throw new McpProtocolException($"Method '{method}' is not available.", McpErrorCode.MethodNotFound)
                : next(context, cancellationToken));

    /// <summary>The question <c>elicit</c> and <c>ask</c> put to the client: the call's <c>question</c>, answered with a name.</summary>
    /// <summary>
    /// The name the client gave when asked the stateless way: "accept Ada (state asked-once)"; without an answer yet, asks
    /// (input_required with a request state, answered by the client sending the same request again).
    /// </summary>
    internal static string AskName(CallToolRequestParams request, IDictionary<string, JsonElement> args)
    {
        if (request.InputResponses is { } responses && responses.TryGetValue("name", out InputResponse? response))
        {
            ElicitResult? reply = response.Deserialize(InputResponse.ElicitResultJsonTypeInfo);
            string name = reply?.Content is { } replied && replied.TryGetValue("name", out JsonElement value) ? value.ToString() : "(none)";
            return $"{reply?.Action} {name} (state {request.RequestState ?? "none"})";
        }

        throw new InputRequiredException(
            new Dictionary<string, InputRequest>
            {
                ["name"] = InputRequest.ForElicitation(NameQuestion(args)),
            },
            "asked-once");
    }

    private static ElicitRequestParams NameQuestion(IDictionary<string, JsonElement> args) => new()
    {
        Message = args.TryGetValue("question", out JsonElement question) ? question.GetString() ?? "?" : "Your name?",
        RequestedSchema = new ElicitRequestParams.RequestSchema
        {
            Properties = { ["name"] = new ElicitRequestParams.StringSchema { Description = "a name" } },
        },
    };

    private ListToolsResult List()
    {
        var tools = new List<Tool>(Names.Length + OddNames.Length + _extraTools);
        foreach (string name in Names.Concat(OddNames))
        {
            tools.Add(new Tool { Name = name, Description = $"Fault '{name}'." });
        }

        for (int i = 1; i <= _extraTools; i++)
        {
            string name = "tool-" + i.ToString("D5", CultureInfo.InvariantCulture);
            tools.Add(new Tool { Name = name, Description = $"Extra tool {i} of {_extraTools}: answers 'ok'." });
        }

        return new ListToolsResult { Tools = tools };
    }

    private async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        CallToolRequestParams request = context.Params!;
        IDictionary<string, JsonElement> args = request.Arguments ?? new Dictionary<string, JsonElement>();
        int ordinal = Interlocked.Increment(ref _calls); // every tools/call this process received, of any tool
        string tool = request.Name;

        switch (tool)
        {
            case "ok":
                return Text("ok");

            case "echo":
                // server-everything's echo, so the load harness can put this (C#, Kestrel) server behind the same contenders.
                return Text("Echo: " + (args.TryGetValue("message", out JsonElement message) ? message.GetString() : null));

            case "progress":
                int steps = args.TryGetValue("steps", out JsonElement count) ? count.GetInt32() : 3;
                for (int step = 1; step <= steps; step++)
                {
                    if (request.ProgressToken is { } progressToken)
                    {
                        await context.Server.NotifyProgressAsync(
                            progressToken, new ProgressNotificationValue { Progress = step, Total = steps, Message = $"step {step}" }, cancellationToken: cancellationToken);
                    }
                }

                return Text($"progress: {steps.ToString(CultureInfo.InvariantCulture)} steps");

            case "elicit":
                // Asks the client a question through elicitation and answers with what came back.
                ElicitResult answer = await context.Server.ElicitAsync(NameQuestion(args), cancellationToken);
                string given = answer.Content is { } content && content.TryGetValue("name", out JsonElement named) ? named.ToString() : "(none)";
                return Text($"elicit: {answer.Action} {given}");

            case "ask":
                // The same question the stateless way (no suspended handler): input_required with a request state, then the
                // retry's responses; an initialize session is asked with an elicitation request instead, by the SDK.
                return Text("ask: " + AskName(request, args));

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

            case "counted":
            case "counted-rate":
                // Runs `ms` (50 by default) while its CallCounter counts it: the fleet tests' witness of concurrency and starts.
                int running = await CallCounter.For(tool).RunAsync(args.TryGetValue("ms", out JsonElement hold) ? hold.GetInt32() : 50, cancellationToken);
                return Text($"counted: {running.ToString(CultureInfo.InvariantCulture)} running");

            case "garbage":
                Stdout(tool).Inject("fault-server garbage: this line is not JSON\n"u8);
                return Text("ok after garbage");

            case "partial":
                Stdout(tool).Inject("{\"jsonrpc\":\"2.0\",\"id\":"u8);
                Crash(tool, "after half a JSON-RPC line");
                break;

            case "is-error":
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "fault-server: is-error requested" }] };

            case "wrong-shape":
                JsonElement shape = JsonDocument.Parse("""{"unexpected":["not","the","declared","record"]}""").RootElement.Clone();
                return new CallToolResult { Content = [new TextContentBlock { Text = shape.GetRawText() }], StructuredContent = shape };

            case "progress-after-result":
                _ = ProgressAfterResultAsync(Stdout(tool), context, request.ProgressToken);
                return Text("ok before progress");

            case "unknown-id":
                Stdout(tool).Inject(Encoding.UTF8.GetBytes(
                    $"{{\"jsonrpc\":\"2.0\",\"id\":\"fault-server-never-sent-{Guid.NewGuid():N}\",\"result\":{{\"content\":[]}}}}\n"));
                return Text("ok after unknown id");

            case "echo-args":
                // The arguments exactly as received (null, missing and odd values included), as the text content.
                return Text(request.Arguments is null ? "(no arguments)" : JsonSerializer.Serialize(request.Arguments, McpJsonUtilities.DefaultOptions));

            case "measure-args":
                long bytes = 0;
                int depth = 0;
                foreach (KeyValuePair<string, JsonElement> pair in args)
                {
                    bytes += Encoding.UTF8.GetByteCount(pair.Value.GetRawText());
                    depth = Math.Max(depth, Depth(pair.Value));
                }

                JsonElement measured = JsonSerializer.SerializeToElement(new Dictionary<string, long> { ["bytes"] = bytes, ["depth"] = depth });
                return new CallToolResult { Content = [new TextContentBlock { Text = measured.GetRawText() }], StructuredContent = measured };

            case "big-result":
                int mib = args.TryGetValue("mib", out JsonElement size) ? size.GetInt32() : 10;
                return Text(new string('x', mib * 1024 * 1024));

            case "deep-result":
                // Written by hand: the SDK's own serializer would refuse the depth this fault is about.
                int levels = args.TryGetValue("depth", out JsonElement requested) ? requested.GetInt32() : 1_000;
                string nested = new string('[', levels) + new string(']', levels);
                byte[] deep = Encoding.UTF8.GetBytes($"{{\"content\":[{{\"type\":\"text\",\"text\":\"deep\"}}],\"structuredContent\":{{\"deep\":{nested}}}}}");
                await RespondRawAsync(tool, context, deep, cancellationToken);
                break;

            case "invalid-utf8":
                // A text result whose string holds bytes that are not UTF-8: a lone 0xFF, a stray continuation byte, an overlong '/'.
                byte[] invalid = [.. "{\"content\":[{\"type\":\"text\",\"text\":\"before "u8, 0xFF, 0x80, 0xC0, 0xAF, .. " after\"}]}"u8];
                await RespondRawAsync(tool, context, invalid, cancellationToken);
                break;

            case "task-optional":
                return Text("plain: " + (args.TryGetValue("text", out JsonElement plain) ? plain.GetString() : null));

            default:
                if (FaultTasks.Names.Contains(tool, StringComparer.Ordinal))
                {
                    throw new McpProtocolException($"Tool '{tool}' runs only as a task: call it with 'task' in its params.", McpErrorCode.InvalidParams);
                }

                if (OddNames.Contains(tool, StringComparer.Ordinal) || (tool.StartsWith("tool-", StringComparison.Ordinal) && _extraTools > 0))
                {
                    return Text(tool);
                }

                if (HttpFaults.Names.Contains(tool, StringComparer.Ordinal))
                {
                    throw new McpProtocolException($"Tool '{tool}' is an HTTP fault; this server runs over stdio.", McpErrorCode.InvalidParams);
                }

                break;
        }

        throw new McpProtocolException($"Unknown tool '{tool}'.", McpErrorCode.InvalidParams);
    }

    /// <summary>
    /// Answers the request with a result written byte for byte, then waits (so the SDK writes no answer of its own)
    /// until the client cancels the request or the server stops.
    /// </summary>
    private async Task RespondRawAsync(string tool, RequestContext<CallToolRequestParams> context, byte[] result, CancellationToken cancellationToken)
    {
        LineGuardedStream output = Stdout(tool);
        object id = context.JsonRpcRequest.Id.Id!;
        string idJson = id is string text ? JsonSerializer.Serialize(text) : Convert.ToString(id, CultureInfo.InvariantCulture)!;
        output.Inject([.. Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{idJson},\"result\":"), .. result, .. "}\n"u8]);
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    private LineGuardedStream Stdout(string tool) =>
        stdout ?? throw new McpProtocolException($"Tool '{tool}' writes raw bytes to stdout; this server runs over HTTP.", McpErrorCode.InvalidParams);

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static async Task ProgressAfterResultAsync(LineGuardedStream output, RequestContext<CallToolRequestParams> context, ProgressToken? token)
    {
        try
        {
            await output.WhenResponseWritten(context.JsonRpcRequest.Id.ToString()).WaitAsync(TimeSpan.FromSeconds(30));
            if (token is { } progressToken)
            {
                await context.Server.NotifyProgressAsync(progressToken, new ProgressNotificationValue { Progress = 1, Total = 1, Message = "after the result" });
            }
            else
            {
                output.Inject("""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"fault-server-no-token","progress":1,"total":1}}"""u8 + "\n"u8);
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
