using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine.Tasks;
using McpSdk.Invocation;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>The lean engine's side of the tasks utility: the requests, and the route of status notifications.</summary>
internal sealed partial class LeanSession : ITaskSession
{
    private readonly TaskStatusRouter _taskStatuses = new();

    public bool RunsToolCallsAsTasks { get; private set; }

    // Over Streamable HTTP the server keeps a task apart from the session's stream; a stdio process takes its tasks with it.
    public bool TasksOutliveSession => _link is HttpLink;

    /// <summary>
    /// Reads <c>capabilities.tasks.requests.tools.call</c> from the raw <c>initialize</c> (or <c>server/discover</c>) result,
    /// which the SDK's types drop: a walk of the element already parsed, not a second deserialisation into a type per level.
    /// </summary>
    private void ReadTaskCapability(JsonElement result) =>
        RunsToolCallsAsTasks = Member(Member(Member(Member(Member(result, "capabilities"u8), "tasks"u8), "requests"u8), "tools"u8), "call"u8)
            is { ValueKind: JsonValueKind.Object };

    /// <summary>The named member of an object; <see langword="default"/> (undefined) for anything else.</summary>
    private static JsonElement Member(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement member) ? member : default;

    public async ValueTask<TaskCreation> CreateToolTaskAsync(string toolName, ToolArguments arguments, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        // As a plain call is sent (the stateless form's input requests answered the same way), with the task asked for.
        JsonElement reply = await SendCall(
            waiters: null, McpTypes.Element, toolName, arguments, progressToken: null, (long)timeToLive.TotalMilliseconds, cancellationToken).ConfigureAwait(false);

        // A server may run a task-capable tool at once and answer with its result (the spec lets it); that is a plain call's answer.
        return reply.ValueKind == JsonValueKind.Object && reply.TryGetProperty("task"u8, out _)
            ? new TaskCreation(reply.Deserialize(TaskJsonContext.Default.WireCreateTaskResult)?.Task, null)
            : new TaskCreation(null, reply.Deserialize(McpTypes.CallToolResult));
    }

    public ValueTask<WireTask> GetTaskAsync(string taskId, CancellationToken cancellationToken) =>
        RequestAsync("tasks/get", new WireTaskIdParams { TaskId = taskId }, TaskJsonContext.Default.WireTaskIdParams, TaskJsonContext.Default.WireTask, cancellationToken);

    public ValueTask<CallToolResult> GetTaskResultAsync(string taskId, CancellationToken cancellationToken) =>
        RequestAsync("tasks/result", new WireTaskIdParams { TaskId = taskId }, TaskJsonContext.Default.WireTaskIdParams, McpTypes.CallToolResult, cancellationToken);

    public ValueTask<WireTask> CancelTaskAsync(string taskId, CancellationToken cancellationToken) =>
        RequestAsync("tasks/cancel", new WireTaskIdParams { TaskId = taskId }, TaskJsonContext.Default.WireTaskIdParams, TaskJsonContext.Default.WireTask, cancellationToken);

    public IDisposable WatchTask(string taskId, Action<WireTask> onStatus) => _taskStatuses.Watch(taskId, onStatus);
}
