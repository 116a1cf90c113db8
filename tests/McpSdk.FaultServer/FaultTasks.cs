using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.FaultServer;

/// <summary>
/// Tools that run as MCP tasks (the 2025-11-25 tasks utility), each misbehaving its own way, on the official SDK's
/// server, which has no tasks support of its own: a task-augmented <c>tools/call</c> of one of <see cref="Names"/> is
/// answered with a task, <c>tasks/get|result|cancel</c> are custom request handlers, and <see cref="Advertise"/> rewrites
/// the <c>initialize</c> and <c>tools/list</c> replies to declare the capability and each tool's <c>taskSupport</c>.
/// Tasks live in one process-wide table, not per session, so over HTTP any session may follow them.
/// </summary>
internal static class FaultTasks
{
    public static readonly string[] Names = ["task-ok", "task-fails", "task-wrong-shape", "task-forgotten", "task-notify", "task-lose-session", "task-optional", "task-crash", "task-two-polls", "task-ttl", "task-held", "task-ask", "task-refused"];

    private static readonly ConcurrentDictionary<string, FaultTask> s_tasks = new(StringComparer.Ordinal);

    // task-two-polls tasks of this process that have ended: a task that says how many ended before it was created
    // shows whether the client let two run at once.
    private static int s_twoPollsEnded;

    // FAULT_SERVER_TASK_LOG: a file each process appends one line to per task it creates ("tool id"), so a test counts
    // creations across the processes a crash replaces.
    private static readonly string? s_creationLog = Environment.GetEnvironmentVariable("FAULT_SERVER_TASK_LOG");

    // A server that refuses tools/list (FAULT_SERVER_REFUSE_TOOLS_LIST) cannot say which tools run as tasks: it declares none.
    private static readonly bool s_declaresTasks = Environment.GetEnvironmentVariable("FAULT_SERVER_REFUSE_TOOLS_LIST") != "1";

    private static readonly JsonSerializerOptions s_json = new(McpJsonUtilities.DefaultOptions)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(McpJsonUtilities.DefaultOptions.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Whether this call is one to answer with a task: a task tool, asked with <c>task</c> in its params.</summary>
    public static bool IsTaskCall(RequestContext<CallToolRequestParams> context) =>
        Array.IndexOf(Names, context.Params!.Name) >= 0 && context.JsonRpcRequest.Params?["task"] is JsonObject;

    /// <summary>Creates the task the tool's name asks for and answers with it (<c>CreateTaskResult</c>).</summary>
    public static ResultOrAlternate<CallToolResult> Create(RequestContext<CallToolRequestParams> context)
    {
        string tool = context.Params!.Name;

        // The stateless form asks before any task exists: input_required, then the same task-augmented call with the answer.
        string? answered = tool == "task-ask" ? Faults.AskName(context.Params, context.Params.Arguments ?? new Dictionary<string, JsonElement>()) : null;
        string id = $"{tool}-{Guid.NewGuid():N}";
        long? ttl = context.JsonRpcRequest.Params?["task"]?["ttl"]?.GetValue<long>();
        var task = new FaultTask(id, ttl);
        if (s_creationLog is not null)
        {
            File.AppendAllText(s_creationLog, $"{tool} {id}\n");
        }

        switch (tool)
        {
            case "task-refused":
                // Refused before any task exists: the creation request itself gets a JSON-RPC error.
                throw new McpProtocolException("Invalid arguments: the fault server refuses every task-refused call.", McpErrorCode.InvalidParams);
            case "task-ok":
            case "task-optional":
            case "task-lose-session":
                string text = TextArgument(context);
                task.End("completed", "done", Text($"task: {text}"));
                break;
            case "task-fails":
                task.End("failed", "fault-server: task-fails requested", new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "fault-server: task-fails requested" }] });
                break;
            case "task-wrong-shape":
                JsonElement shape = JsonDocument.Parse("""{"unexpected":["not","the","declared","record"]}""").RootElement.Clone();
                task.End("completed", "done", new CallToolResult { Content = [new TextContentBlock { Text = shape.GetRawText() }], StructuredContent = shape });
                break;
            case "task-two-polls":
                // Working until its second poll; its result says how many of its kind had ended before it was created.
                string label = TextArgument(context);
                task.Result = Text($"task: {label} after {Volatile.Read(ref s_twoPollsEnded).ToString(CultureInfo.InvariantCulture)} ended");
                task.Update("working", "first stretch");
                break;
            case "task-crash":
                // Working until the first poll, which ends the process (over stdio, the task goes with it).
                task.PollInterval = 50;
                task.Update("working", "about to crash");
                break;
            case "task-ttl":
                // The ttl the request asked for, in ms ("none" when it named none): the witness of [RunAsTask(TimeToLiveSeconds)].
                task.End("completed", "done", Text($"ttl: {(ttl is long asked ? asked.ToString(CultureInfo.InvariantCulture) : "none")}"));
                break;
            case "task-held":
                // Working until a task-held call with text "release:<its text>" is created in the same process; that one
                // completes at once, saying how many it released.
                string held = TextArgument(context);
                if (held.StartsWith("release:", StringComparison.Ordinal))
                {
                    task.End("completed", "done", Text($"released {Release(held["release:".Length..]).ToString(CultureInfo.InvariantCulture)}"));
                }
                else
                {
                    task.Label = held;
                    task.Result = Text($"task: {held} released");
                    task.Update("working", "held");
                }

                break;
            case "task-ask":
                task.End("completed", "done", Text($"task-ask: {answered}"));
                break;
            case "task-notify":
                // Polled only once an hour: the client ends by the status notification or not at all.
                task.PollInterval = 3_600_000;
                task.Update("working", "waiting to notify");
                _ = NotifyLaterAsync(context.Server, task);
                break;
        }

        if (tool != "task-forgotten")
        {
            s_tasks[id] = task; // a forgotten task is answered, then never known again
        }
        else
        {
            task.Update("working", "about to be forgotten");
        }

        return ResultOrAlternate<CallToolResult>.FromAlternate(new CreateTaskResult { Task = task.ToJson() }, (JsonTypeInfo<CreateTaskResult>)s_json.GetTypeInfo(typeof(CreateTaskResult)));
    }

    /// <summary>The <c>tasks/*</c> request handlers.</summary>
    public static IEnumerable<McpServerRequestHandler> Handlers()
    {
        yield return Handler("tasks/get", task =>
        {
            if (Interlocked.Increment(ref task.Polls) == 2 && task.Id.StartsWith("task-two-polls-", StringComparison.Ordinal))
            {
                task.Update("completed", "done");
                Interlocked.Increment(ref s_twoPollsEnded);
            }

            if (task.Id.StartsWith("task-crash-", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} exits under task {task.Id}");
                Environment.Exit(Faults.CrashExitCode);
            }

            return task.ToJson();
        });
        yield return Handler("tasks/result", task => task.Result is { } result
            ? JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult)))!
            : throw new McpProtocolException($"Task '{task.Id}' has no result yet ({task.Status}).", McpErrorCode.InvalidParams));
        yield return Handler("tasks/cancel", task =>
        {
            if (task.Status is "working" or "input_required")
            {
                task.Update("cancelled", "cancelled by the client");
            }

            return task.ToJson();
        });
    }

    private static McpServerRequestHandler Handler(string method, Func<FaultTask, JsonNode> answer) => new()
    {
        Method = method,
        Handler = (context, _) =>
        {
            string? id = context.Params?["taskId"]?.GetValue<string>();
            if (id is null || !s_tasks.TryGetValue(id, out FaultTask? task))
            {
                throw new McpProtocolException($"Task not found: {id}", McpErrorCode.InvalidParams);
            }

            return ValueTask.FromResult<JsonNode?>(answer(task));
        },
    };

    /// <summary>
    /// One JSON-RPC message line as the server writes it, with the tasks capability added to an <c>initialize</c> (or <c>server/discover</c>) reply
    /// and each task tool's <c>execution.taskSupport</c> to a <c>tools/list</c> reply; other lines as they are.
    /// </summary>
    public static byte[] Advertise(byte[] line)
    {
        ReadOnlySpan<byte> span = line;
        if (span.IndexOf("serverInfo\""u8) < 0 && span.IndexOf("\"tools\""u8) < 0)
        {
            return line;
        }

        JsonNode? message;
        try
        {
            message = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return line;
        }

        if (message?["result"] is not JsonObject result)
        {
            return line;
        }

        // initialize names the server in serverInfo, the stateless form's server/discover in _meta.
        if ((result["serverInfo"] is not null || result["supportedVersions"] is not null) && result["capabilities"] is JsonObject capabilities)
        {
            if (!s_declaresTasks)
            {
                return line;
            }

            capabilities["tasks"] = JsonNode.Parse("""{"list":{},"cancel":{},"requests":{"tools":{"call":{}}}}""");
        }
        else if (result["tools"] is JsonArray tools)
        {
            foreach (JsonNode? tool in tools)
            {
                if (tool?["name"]?.GetValue<string>() is { } name && Array.IndexOf(Names, name) >= 0)
                {
                    tool["execution"] = new JsonObject { ["taskSupport"] = name is "task-optional" or "task-ttl" ? "optional" : "required" };
                }
            }
        }
        else
        {
            return line;
        }

        bool newline = line.Length > 0 && line[^1] == (byte)'\n';
        return [.. Encoding.UTF8.GetBytes(message.ToJsonString()), .. newline ? "\n"u8.ToArray() : []];
    }

    /// <summary>The first request for a <c>task-lose-session</c> task (HTTP only): its session is to be lost.</summary>
    public static bool LosesSession(string taskId) =>
        taskId.StartsWith("task-lose-session-", StringComparison.Ordinal) && s_tasks.TryGetValue(taskId, out FaultTask? task)
        && Interlocked.Exchange(ref task.SessionLost, 1) == 0;

    private static async Task NotifyLaterAsync(McpServer server, FaultTask task)
    {
        try
        {
            await Task.Delay(100);
            task.End("completed", "notified", null);
            task.Result = Text($"notified after {Volatile.Read(ref task.Polls).ToString(CultureInfo.InvariantCulture)} polls");
            await server.SendNotificationAsync("notifications/tasks/status", task.ToJson(), s_json);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"fault-server: task-notify could not notify: {e.Message}");
        }
    }

    private static int Release(string label)
    {
        int released = 0;
        foreach (FaultTask task in s_tasks.Values)
        {
            if (task.Label == label && task.Status == "working")
            {
                task.Update("completed", "released");
                released++;
            }
        }

        return released;
    }

    /// <summary>The call's <c>text</c> argument, or empty when it has none.</summary>
    private static string TextArgument(RequestContext<CallToolRequestParams> context) =>
        context.Params!.Arguments?.TryGetValue("text", out JsonElement text) == true ? text.GetString() ?? "" : "";

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    private sealed class FaultTask(string id, long? ttl)
    {
        private readonly string _created = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        private string _updated = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

        public int Polls;
        public int SessionLost;

        public string Id => id;

        public string Status { get; private set; } = "working";

        public string? Message { get; private set; }

        public long PollInterval { get; set; } = 1_000;

        public string? Label { get; set; }

        public CallToolResult? Result { get; set; }

        public void Update(string status, string? message)
        {
            Status = status;
            Message = message;
            _updated = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        }

        public void End(string status, string? message, CallToolResult? result)
        {
            Result = result;
            Update(status, message);
        }

        public JsonObject ToJson() => new()
        {
            ["taskId"] = id,
            ["status"] = Status,
            ["statusMessage"] = Message,
            ["createdAt"] = _created,
            ["lastUpdatedAt"] = _updated,
            ["ttl"] = ttl,
            ["pollInterval"] = PollInterval,
        };
    }

    /// <summary>A task-augmented request's answer.</summary>
    private sealed class CreateTaskResult : Result
    {
        [JsonPropertyName("task")]
        public JsonObject? Task { get; set; }
    }
}
