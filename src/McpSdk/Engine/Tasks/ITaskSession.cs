using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine.Tasks;

/// <summary>
/// A session that speaks the tasks utility (the lean engine's). The invoker drives a task through it; the SDK engine's
/// sessions do not implement it, so a call that must run as a task there fails saying which engine to use.
/// </summary>
internal interface ITaskSession
{
    /// <summary>Whether the server declared <c>tasks.requests.tools.call</c> in <c>initialize</c>.</summary>
    bool RunsToolCallsAsTasks { get; }

    /// <summary>Whether a task outlives this session on the server (Streamable HTTP), so another session may follow it.</summary>
    bool TasksOutliveSession { get; }

    /// <summary>Sends <c>tools/call</c> with <c>task: { ttl }</c>: the created task, or the result when the server ran it at once.</summary>
    ValueTask<TaskCreation> CreateToolTaskAsync(string toolName, ToolArguments arguments, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>Sends <c>tasks/get</c>.</summary>
    ValueTask<WireTask> GetTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Sends <c>tasks/result</c>: the tool's result (servers may hold the reply until the task ends).</summary>
    ValueTask<CallToolResult> GetTaskResultAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>Sends <c>tasks/cancel</c>.</summary>
    ValueTask<WireTask> CancelTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Hands every <c>notifications/tasks/status</c> for <paramref name="taskId"/> to <paramref name="onStatus"/>, on the
    /// reader thread (so it must only record and wake), including ones that arrived shortly before; dispose to stop.
    /// </summary>
    IDisposable WatchTask(string taskId, Action<WireTask> onStatus);
}

/// <summary>What a task-augmented <c>tools/call</c> gave: a task to follow, or (a server that chose to run it at once) the result.</summary>
internal readonly record struct TaskCreation(WireTask? Task, CallToolResult? Result);
