using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk;

/// <summary>
/// A running MCP task started by a tool method declared <c>Task&lt;McpTask&lt;T&gt;&gt;</c>: start now, collect later.
/// Await it (or <see cref="GetResultAsync"/>) for the tool's value, ask where it stands, or cancel it. Over Streamable
/// HTTP the task outlives the session and the connection that started it.
/// </summary>
/// <typeparam name="TResult">The tool's value, read from the task's result like any tool result.</typeparam>
public sealed class McpTask<TResult>
{
    // SEAM (issue #16): the runtime branch gives this type its implementation; the public members below are the contract.
    internal McpTask(string taskId, string toolName)
    {
        TaskId = taskId;
        ToolName = toolName;
    }

    /// <summary>The server's id for the task.</summary>
    public string TaskId { get; }

    /// <summary>The MCP tool that created it.</summary>
    public string ToolName { get; }

    /// <summary>Asks the server where the task stands (<c>tasks/get</c>).</summary>
    public Task<McpTaskStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Waits for the task to end, polling at the server's interval, and reads its result into <typeparamref name="TResult"/>.
    /// A failed task raises <see cref="McpToolException"/>; one cancelled by someone else, or unknown to the server, <see cref="McpTaskException"/>.
    /// Cancelling <paramref name="cancellationToken"/> stops waiting and leaves the task running.
    /// </summary>
    public Task<TResult> GetResultAsync(IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Asks the server to cancel the task (<c>tasks/cancel</c>).</summary>
    public Task CancelAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Awaits the tool's value: <c>await handle</c> is <c>await handle.GetResultAsync()</c>.</summary>
    public TaskAwaiter<TResult> GetAwaiter() => GetResultAsync().GetAwaiter();
}
