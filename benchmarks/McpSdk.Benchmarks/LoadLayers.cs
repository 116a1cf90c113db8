using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using McpSdk.Invocation;
using McpSdk.Sessions;
using ModelContextProtocol.Protocol;

namespace McpSdk.Benchmarks;

/// <summary>
/// A session whose calls complete asynchronously but without a thread hop: each call parks on a pooled
/// <see cref="IValueTaskSource{TResult}"/>, and the benchmark's one thread completes them in order with
/// <see cref="CompleteAll"/>, so every continuation above the session runs inline. Over it the async state machines
/// of our layers suspend and resume exactly as over a real session, while the session itself costs (and allocates)
/// almost nothing: what a window measures is our layers.
/// </summary>
internal sealed class DeferredSession : IMcpSession
{
    private static readonly CallToolResult s_result = new() { Content = [new TextContentBlock { Text = "Echo: hello" }] };
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<PendingCall> _pending = new();
    private readonly Stack<PendingCall> _free = new();

    public string? SessionId => "deferred";

    public Task Completion => _completion.Task;

    public ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken)
    {
        _ = arguments.ToCallParams(toolName, progressToken: null); // what SdkSession does with the arguments
        PendingCall call = _free.Count > 0 ? _free.Pop() : new PendingCall(this);
        _pending.Enqueue(call);
        return new ValueTask<CallToolResult>(call, call.Version);
    }

    /// <summary>Completes parked calls, including the ones their continuations start, until none is left.</summary>
    public void CompleteAll()
    {
        while (_pending.TryDequeue(out PendingCall? call))
        {
            call.Complete(s_result);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _completion.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private sealed class PendingCall(DeferredSession owner) : IValueTaskSource<CallToolResult>
    {
        private ManualResetValueTaskSourceCore<CallToolResult> _core = new() { RunContinuationsAsynchronously = false };

        public short Version => _core.Version;

        public void Complete(CallToolResult result) => _core.SetResult(result);

        public CallToolResult GetResult(short token)
        {
            CallToolResult result = _core.GetResult(token);
            _core.Reset();
            owner._free.Push(this);
            return result;
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}

/// <summary>
/// The per-layer table of the load run: our layers over a <see cref="DeferredSession"/>, on one thread, with
/// <c>inFlight</c> calls parked at the session at a time. Client CPU and bytes per call, no server, no transport.
/// </summary>
internal static class LoadLayers
{
    public readonly record struct Layer(string Name, Func<int, int, Task> Run);

    public static (McpConnection Connection, Layer[] Layers) Create()
    {
        var session = new DeferredSession();
        var connection = new McpConnection(
            McpEndpoint.FromTransport(static () => throw new InvalidOperationException("No transport: the session is a fake."), "load layers"),
            new McpConnectionOptions(),
            session);
        ILoadEchoTools tools = connection.CreateClient<ILoadEchoTools>();

        Layer[] layers =
        [
            new("ToolArguments only: write, seal, parse into the call params (ToCallParams), dispose", (inFlight, calls) =>
            {
                for (int i = 0; i < calls; i++)
                {
                    using var arguments = new ToolArguments();
                    arguments.Add("message", "hello", BenchmarkJsonContext.Default.String);
                    _ = arguments.ToCallParams("echo", progressToken: null);
                }

                return Task.CompletedTask;
            }),
            new("session directly: ToolArguments → session → text", (inFlight, calls) => Drive(session, inFlight, calls, async next =>
            {
                while (next())
                {
                    using var arguments = new ToolArguments();
                    arguments.Add("message", "hello", BenchmarkJsonContext.Default.String);
                    CallToolResult result = await session.CallToolAsync("echo", arguments, null, CancellationToken.None).ConfigureAwait(false);
                    _ = ((TextContentBlock)result.Content[0]).Text;
                }
            })),
            new("proxy → invoker → scheduler → pool → session", (inFlight, calls) => Drive(session, inFlight, calls, async next =>
            {
                while (next())
                {
                    _ = await tools.EchoAsync("hello").ConfigureAwait(false);
                }
            })),
        ];

        return (connection, layers);
    }

    private static Task Drive(DeferredSession session, int inFlight, int calls, Func<Func<bool>, Task> worker)
    {
        int issued = 0;
        bool Next() => issued++ < calls;
        var workers = new Task[inFlight];
        for (int i = 0; i < inFlight; i++)
        {
            workers[i] = worker(Next);
        }

        session.CompleteAll();
        Task all = Task.WhenAll(workers);
        Debug.Assert(all.IsCompleted, "every continuation runs inline");
        return all;
    }
}
