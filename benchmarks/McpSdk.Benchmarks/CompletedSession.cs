using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Sessions;
using ModelContextProtocol.Protocol;

namespace McpSdk.Benchmarks;

/// <summary>
/// A session that answers every call at once with the same text result: it costs what the real session's own
/// work on the arguments costs (<see cref="ToolArguments.ToCallParams"/>, as <c>SdkSession</c> builds its request)
/// and nothing else, so a benchmark over it measures our layers (proxy, invoker, scheduler) and not a transport.
/// </summary>
internal sealed class CompletedSession : IMcpSession
{
    private static readonly CallToolResult s_result = new() { Content = [new TextContentBlock { Text = "ok" }] };
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? SessionId => "completed";

    public Task Completion => _completion.Task;

    public ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken)
    {
        _ = arguments.ToCallParams(toolName, progressToken: null);
        return ValueTask.FromResult(s_result);
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _completion.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
