using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>
/// A running MCP task started by a tool method declared <c>Task&lt;McpTask&lt;T&gt;&gt;</c>: start now, collect later.
/// Await it (or <see cref="GetResultAsync"/>) for the tool's value, ask where it stands, or cancel it. Over Streamable
/// HTTP the task outlives the session and the connection that started it: another connection to the same server takes
/// it up with <see cref="McpConnection.AttachTask(string, string)"/>, given <see cref="TaskId"/>.
/// </summary>
/// <typeparam name="TResult">The tool's value, read from the task's result like any tool result.</typeparam>
/// <remarks>
/// Each request the handle makes is admitted as a call of its tool (priority, <c>[MaxConcurrency]</c>, rate limit), and a
/// wait for the result counts as one call in flight while it lasts. The tool's statistics count the call that started
/// the task, once; waits and status questions are not counted again.
/// </remarks>
public sealed class McpTask<TResult>
{
    private readonly ToolInvoker _invoker;
    private readonly BoundTool _tool;
    private readonly ToolResultReader<TResult> _reader;
    private readonly IProgress<McpProgress>? _progress;
    private readonly CallToolResult? _immediate;

    internal McpTask(ToolInvoker invoker, BoundTool tool, ToolResultReader<TResult> reader, IProgress<McpProgress>? progress, string taskId, CallToolResult? result)
    {
        _invoker = invoker;
        _tool = tool;
        _reader = reader;
        _progress = progress;
        _immediate = result;
        TaskId = taskId;
        ToolName = tool.Method.ToolName;
    }

    /// <summary>
    /// The server's id for the task; empty when the server chose to run the call at once and answered with its result
    /// (the handle then holds that result).
    /// </summary>
    public string TaskId { get; }

    /// <summary>The MCP tool that created it.</summary>
    public string ToolName { get; }

    /// <summary>Asks the server where the task stands (<c>tasks/get</c>).</summary>
    /// <exception cref="McpTaskException">The server does not know the id.</exception>
    public Task<McpTaskStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        _immediate is not null
            ? Task.FromResult(new McpTaskStatus(TaskId, McpTaskState.Completed, null, null, null))
            : _invoker.AskTaskAsync(_tool, TaskId, cancel: false, cancellationToken);

    /// <summary>
    /// Waits for the task to end, polling at the server's interval, and reads its result into <typeparamref name="TResult"/>.
    /// A failed task raises <see cref="McpToolException"/>; one cancelled by someone else, or unknown to the server, <see cref="McpTaskException"/>.
    /// Cancelling <paramref name="cancellationToken"/> stops waiting and leaves the task running.
    /// </summary>
    /// <param name="progress">Receives each new status message; <see langword="null"/> uses the one the method was called with.</param>
    /// <param name="cancellationToken">Stops waiting (the task runs on).</param>
    public Task<TResult> GetResultAsync(IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _immediate is not null
            ? Task.FromResult(_reader.Read(_immediate, _tool.Method))
            : _invoker.FollowTaskAsync(_tool, TaskId, _reader, progress ?? _progress, cancelOnAbandon: false, cancellationToken);

    /// <summary>
    /// Waits for the task to end and reads its result, as <see cref="GetResultAsync"/> does, but cancelling
    /// <paramref name="cancellationToken"/> ends the task too: <c>tasks/cancel</c> is sent (best effort, at most 5 seconds
    /// on the connection's clock) before <see cref="OperationCanceledException"/> is raised. For a caller that is the
    /// task's only reader, such as a model's function call (<c>AsAIFunctions()</c> uses it).
    /// </summary>
    /// <param name="progress">Receives each new status message; <see langword="null"/> uses the one the method was called with.</param>
    /// <param name="cancellationToken">Stops waiting and cancels the task.</param>
    public Task<TResult> GetResultOrCancelAsync(IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _immediate is not null
            ? Task.FromResult(_reader.Read(_immediate, _tool.Method))
            : _invoker.FollowTaskAsync(_tool, TaskId, _reader, progress ?? _progress, cancelOnAbandon: true, cancellationToken);

    /// <summary>Asks the server to cancel the task (<c>tasks/cancel</c>).</summary>
    /// <exception cref="McpTaskException">The server does not know the id.</exception>
    public Task CancelAsync(CancellationToken cancellationToken = default) =>
        _immediate is not null ? Task.CompletedTask : _invoker.AskTaskAsync(_tool, TaskId, cancel: true, cancellationToken);

    /// <summary>Awaits the tool's value: <c>await handle</c> is <c>await handle.GetResultAsync()</c>.</summary>
    public TaskAwaiter<TResult> GetAwaiter() => GetResultAsync().GetAwaiter();
}
