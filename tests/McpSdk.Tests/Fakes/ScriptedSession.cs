using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Sessions;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Fakes;

/// <summary>
/// A session that stands in for a server, for tests that must control exactly when and how each call ends:
/// it records the order calls start in, counts how many run at once per tool, and hands each call to a script.
/// </summary>
internal sealed class ScriptedSession : IMcpSession
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, int[]> _inFlight = new(StringComparer.Ordinal);
    private int _started;

    public ScriptedSession(Func<ScriptedCall, ValueTask<CallToolResult>>? script = null)
    {
        Script = script ?? (static call => ValueTask.FromResult(ScriptedCall.Text("ok:" + call.Arguments)));
    }

    /// <summary>Decides how each call ends. Called once per attempt, on the caller's thread.</summary>
    public Func<ScriptedCall, ValueTask<CallToolResult>> Script { get; set; }

    /// <summary>Every attempt's arguments (JSON), in the order they reached the session.</summary>
    public ConcurrentQueue<string> Starts { get; } = new();

    /// <summary>Attempts that saw their cancellation token fire while running.</summary>
    public ConcurrentQueue<string> CancelledWhileRunning { get; } = new();

    public int StartedCount => Volatile.Read(ref _started);

    public string? SessionId => "scripted";

    public Task Completion => _completion.Task;

    /// <summary>The most calls of <paramref name="tool"/> that ever ran at once.</summary>
    public int MaxInFlight(string tool) => _inFlight.TryGetValue(tool, out int[]? counters) ? Volatile.Read(ref counters[1]) : 0;

    public int InFlight(string tool) => _inFlight.TryGetValue(tool, out int[]? counters) ? Volatile.Read(ref counters[0]) : 0;

    public async ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken)
    {
        int[] counters = _inFlight.GetOrAdd(toolName, static _ => new int[2]);
        int now = Interlocked.Increment(ref counters[0]);
        for (int max = Volatile.Read(ref counters[1]); now > max; max = Volatile.Read(ref counters[1]))
        {
            Interlocked.CompareExchange(ref counters[1], now, max);
        }

        // As SdkSession sends them.
        string json = arguments.ToCallParams(toolName, progressToken: null)["arguments"]!.ToJsonString();
        Starts.Enqueue(json);
        Interlocked.Increment(ref _started);
        CancellationTokenRegistration registration = cancellationToken.Register(() => CancelledWhileRunning.Enqueue(json));
        try
        {
            return await Script(new ScriptedCall(toolName, json, cancellationToken)).ConfigureAwait(false);
        }
        finally
        {
            // The script's own registration runs first (callbacks run newest first) and may end the call on another
            // thread before the cancelling thread reaches ours: a registration removed unrun still counts if it fired.
            if (registration.Unregister())
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    CancelledWhileRunning.Enqueue(json);
                }
            }
            else
            {
                registration.Dispose(); // waits for our callback if it is running now
            }

            Interlocked.Decrement(ref counters[0]);
        }
    }

    /// <summary>Answers pings; by default at once.</summary>
    public Func<CancellationToken, Task> Ping { get; set; } = static _ => Task.CompletedTask;

    /// <summary>What disposing the session does after it ends; by default nothing more.</summary>
    public Func<ValueTask> Disposing { get; set; } = static () => ValueTask.CompletedTask;

    public Task PingAsync(CancellationToken cancellationToken) => Ping(cancellationToken);

    /// <summary>What the session says of its own end; by default nothing.</summary>
    public string? EndDescription { get; set; }

    public string? DescribeEnd() => EndDescription;

    /// <summary>Ends the session, as a server process that exits would.</summary>
    public void Fail() => _completion.TrySetResult();

    public ValueTask DisposeAsync()
    {
        _completion.TrySetResult();
        return Disposing();
    }
}

/// <summary>One attempt as the script sees it.</summary>
internal sealed record ScriptedCall(string Tool, string Arguments, CancellationToken CancellationToken)
{
    public static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };

    public static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}

/// <summary>Calls held open until the test lets each one finish: a server whose every answer the test decides.</summary>
internal sealed class HeldCalls
{
    private readonly ConcurrentQueue<(ScriptedCall Call, TaskCompletionSource<CallToolResult> Answer)> _held = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public ValueTask<CallToolResult> Hold(ScriptedCall call)
    {
        var answer = new TaskCompletionSource<CallToolResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        call.CancellationToken.Register(() => answer.TrySetCanceled(call.CancellationToken));
        _held.Enqueue((call, answer));
        _arrived.Release();
        return new ValueTask<CallToolResult>(answer.Task);
    }

    public int Count => _held.Count;

    /// <summary>Waits for the next held call and answers it; returns its arguments.</summary>
    public async Task<string> ReleaseNextAsync(CallToolResult? result = null)
    {
        if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("No call reached the session within 30 s.");
        }

        Assert.True(_held.TryDequeue(out var held));
        held.Answer.TrySetResult(result ?? ScriptedCall.Text("done:" + held.Call.Arguments));
        return held.Call.Arguments;
    }

    /// <summary>Waits until <paramref name="count"/> calls are held.</summary>
    public async Task WaitForAsync(int count)
    {
        for (int i = 0; i < 3000 && _held.Count < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(_held.Count >= count, $"Expected {count} held calls, saw {_held.Count}.");
    }
}
