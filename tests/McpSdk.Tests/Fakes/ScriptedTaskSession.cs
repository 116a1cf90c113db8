using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine.Tasks;
using McpSdk.Invocation;
using McpSdk.Sessions;
using ModelContextProtocol.Protocol;

namespace McpSdk.Tests.Fakes;

/// <summary>
/// A session that speaks the tasks utility, over a transport where tasks outlive the session (as Streamable HTTP): the
/// test scripts what <c>tasks/get</c>, <c>tasks/result</c> and ping answer, so it decides when a session is lost.
/// </summary>
internal sealed class ScriptedTaskSession : IMcpSession, ITaskSession
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A session on which every task request fails as a lost session would, and whose ping waits for <paramref name="ping"/>.</summary>
    public static ScriptedTaskSession Losing(Task ping) => new()
    {
        GetTask = static (_, _) => ValueTask.FromException<WireTask>(new IOException("The response ended prematurely.")),
        Ping = ping,
    };

    /// <summary>A session that knows every task as completed, with the text <paramref name="text"/> as its result.</summary>
    public static ScriptedTaskSession Completing(string text) => new()
    {
        GetTask = static (id, _) => ValueTask.FromResult(new WireTask { TaskId = id, Status = "completed" }),
        GetTaskResult = (_, _) => ValueTask.FromResult(new CallToolResult { Content = [new TextContentBlock { Text = text }] }),
    };

    /// <summary>Answers <c>tasks/get</c>.</summary>
    public Func<string, CancellationToken, ValueTask<WireTask>> GetTask { get; init; } =
        static (_, _) => ValueTask.FromException<WireTask>(new InvalidOperationException("tasks/get is not scripted."));

    /// <summary>Answers <c>tasks/result</c>.</summary>
    public Func<string, CancellationToken, ValueTask<CallToolResult>> GetTaskResult { get; init; } =
        static (_, _) => ValueTask.FromException<CallToolResult>(new InvalidOperationException("tasks/result is not scripted."));

    /// <summary>What a ping waits for (its failure fails the ping); disposing the session ends it too.</summary>
    public Task Ping { get; init; } = Task.CompletedTask;

    public string? SessionId => "scripted-task";

    public Task Completion => _completion.Task;

    public bool RunsToolCallsAsTasks => true;

    public bool TasksOutliveSession => true;

    public ValueTask<CallToolResult> CallToolAsync(string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The scripted task session takes no plain tools/call.");

    public ValueTask<TaskCreation> CreateToolTaskAsync(string toolName, ToolArguments arguments, TimeSpan timeToLive, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The scripted task session creates no task; attach to one by id.");

    public ValueTask<WireTask> GetTaskAsync(string taskId, CancellationToken cancellationToken) => GetTask(taskId, cancellationToken);

    public ValueTask<CallToolResult> GetTaskResultAsync(string taskId, CancellationToken cancellationToken) => GetTaskResult(taskId, cancellationToken);

    public ValueTask<WireTask> CancelTaskAsync(string taskId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new WireTask { TaskId = taskId, Status = "cancelled" });

    public IDisposable WatchTask(string taskId, Action<WireTask> onStatus) => new NoWatch();

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        Task ended = await Task.WhenAny(Ping, _disposed.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (ended == _disposed.Task)
        {
            throw new ObjectDisposedException(nameof(ScriptedTaskSession));
        }

        await ended.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _disposed.TrySetResult();
        _completion.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private sealed class NoWatch : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
