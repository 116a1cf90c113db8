using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Sessions;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Pool;

/// <summary>The pool's health work (suspects, pings, retiring) on the injected clock, and its background work observed.</summary>
public sealed class PoolHealthTests
{
    private static readonly McpEndpoint s_scripted = McpEndpoint.FromTransport(() => throw new InvalidOperationException("unused"), "scripted");

    [Fact]
    public async Task A_suspect_whose_ping_never_answers_is_retired_when_the_injected_clock_passes_the_ping_timeout()
    {
        var time = new FakeTimeProvider();
        var pingToken = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var session = new ScriptedSession(static _ => throw new IOException("the pipe broke"))
        {
            Ping = token =>
            {
                pingToken.TrySetResult(token);
                return Task.Delay(Timeout.Infinite, token);
            },
        };
        await using var connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = time });
        IPoolTools tools = connection.CreateClient<IPoolTools>();

        await Assert.ThrowsAsync<McpSessionLostException>(() => tools.EchoAsync("x")); // the session becomes a suspect
        CancellationToken token = await pingToken.Task;
        Assert.False(token.IsCancellationRequested);

        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(token.IsCancellationRequested, "The suspect's ping did not time out on the connection's TimeProvider.");
        await PoolOpeningTests.WaitUntilAsync(() => connection.GetStats().Pool.Faulted == 1);
    }

    [Fact]
    public async Task Disposing_the_connection_during_a_health_check_leaves_the_check_nothing_disposed_to_touch()
    {
        // The check used to go on to the next session with the pool's closing signal already disposed: its ping task
        // faulted with ObjectDisposedException, and nobody observed it.
        Exception[] unobserved = await UnobservedDuringAsync(
            exception => exception is ObjectDisposedException && exception.Message.Contains("CancellationTokenSource", StringComparison.Ordinal),
            DisposeDuringAHealthCheckAsync);
        Assert.Empty(unobserved);
    }

    [Fact]
    public async Task A_session_whose_disposal_fails_leaves_no_unobserved_task_exception()
    {
        string marker = "disposal failed " + Guid.NewGuid();
        Exception[] unobserved = await UnobservedDuringAsync(
            exception => exception.Message.Contains(marker, StringComparison.Ordinal),
            () => FaultAndReplaceASessionWhoseDisposalFailsAsync(marker));
        Assert.Empty(unobserved);
    }

    /// <summary>Runs <paramref name="run"/>, then collects the garbage and returns the unobserved task exceptions it left.</summary>
    private static async Task<Exception[]> UnobservedDuringAsync(Func<Exception, bool> isOurs, Func<Task> run)
    {
        var unobserved = new ConcurrentQueue<Exception>();
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, e) =>
        {
            foreach (Exception inner in e.Exception.InnerExceptions)
            {
                if (isOurs(inner))
                {
                    unobserved.Enqueue(inner);
                    e.SetObserved();
                }
            }
        };
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            await run();
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            return [.. unobserved];
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= handler;
        }
    }

    private static async Task DisposeDuringAHealthCheckAsync()
    {
        var time = new FakeTimeProvider();
        McpConnection? connection = null;
        Task disposal = Task.CompletedTask;
        var first = new ScriptedSession
        {
            Ping = _ =>
            {
                // Dispose while the health check is between its sessions, and give the disposal a moment to finish, as
                // it would on another thread: it must wait for the check instead of freeing what the check still uses.
                disposal = connection!.DisposeAsync().AsTask();
                disposal.Wait(TimeSpan.FromSeconds(1));
                return Task.CompletedTask;
            },
        };
        var sessions = new ConcurrentQueue<IMcpSession>([first, new ScriptedSession()]);
        connection = new McpConnection(
            s_scripted,
            new McpConnectionOptions { MinSessions = 2, MaxSessions = 2, TimeProvider = time, HealthCheckInterval = TimeSpan.FromSeconds(10) },
            _ => Task.FromResult(sessions.TryDequeue(out IMcpSession? next) ? next : new ScriptedSession()));
        await connection.ConnectAsync();
        Assert.Equal(2, connection.GetStats().Pool.Live);

        time.Advance(TimeSpan.FromSeconds(10)); // a health tick pings both sessions; the first ping disposes
        await disposal;
        await connection.DisposeAsync();
    }

    private static async Task FaultAndReplaceASessionWhoseDisposalFailsAsync(string marker)
    {
        var failing = new ScriptedSession { Disposing = () => new ValueTask(Task.FromException(new InvalidOperationException(marker))) };
        var sessions = new ConcurrentQueue<IMcpSession>([failing, new ScriptedSession(), new ScriptedSession()]);
        await using var connection = new McpConnection(
            s_scripted,
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 1 },
            _ => Task.FromResult(sessions.TryDequeue(out IMcpSession? next) ? next : new ScriptedSession()));
        await connection.ConnectAsync();

        failing.Fail(); // ends: retired, disposed (which fails) and replaced
        await PoolOpeningTests.WaitUntilAsync(() => connection.GetStats().Pool is { Faulted: 1, Live: 1 });
    }
}
