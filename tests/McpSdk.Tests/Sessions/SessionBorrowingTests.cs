using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Core;
using McpSdk.Sessions;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Sessions;

/// <summary>
/// How a task's follower that lost its session borrows another one from the pool (<see cref="ConnectionCore.BorrowSessionAsync"/>):
/// the pool ends its wait when a session becomes live, when none could open, or when the connection is disposed; it
/// never polls, so virtual time (a <see cref="FakeTimeProvider"/>) is never advanced. Each wait is bounded (30 s) only
/// to prove it does not hang.
/// </summary>
public sealed class SessionBorrowingTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    [ThreadStatic]
    private static bool t_cancelling;

    [Fact]
    public async Task A_borrower_fails_as_a_lost_session_naming_the_task_when_no_session_can_open()
    {
        var gone = new InvalidOperationException("connection refused");
        await using ConnectionCore core = Create(_ => Task.FromException<IMcpSession>(gone), TimeProvider.System);

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(
            () => core.BorrowSessionAsync("research", "task-7", CancellationToken.None).AsTask().WaitAsync(NoHang));

        Assert.Equal("research", lost.ToolName);
        Assert.Same(gone, lost.InnerException);
        Assert.Contains("task 'task-7'", lost.Message, StringComparison.Ordinal);
        Assert.Contains("may still be running on the server", lost.Message, StringComparison.Ordinal);
        Assert.Contains("McpConnection.AttachTask(\"research\", \"task-7\")", lost.Message, StringComparison.Ordinal);
        Assert.Equal(0, core.Pool.LiveWaiters);
    }

    [Fact]
    public async Task A_borrower_wakes_when_a_new_session_opens_without_virtual_time_moving()
    {
        var opening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0;
        await using ConnectionCore core = Create(
            token =>
            {
                Interlocked.Increment(ref connects);
                return opening.Task.WaitAsync(token);
            },
            new FakeTimeProvider());

        ValueTask<PooledSession> borrowing = core.BorrowSessionAsync("research", "task-7", CancellationToken.None);
        await WaitUntilAsync(() => Volatile.Read(ref connects) == 1); // it asked the pool for a session
        Assert.False(borrowing.IsCompleted);
        var opened = new ScriptedSession();
        opening.SetResult(opened);

        PooledSession borrowed = await borrowing.AsTask().WaitAsync(NoHang);
        Assert.Same(opened, borrowed.Session);
        Assert.Equal(1, Volatile.Read(ref borrowed.InFlight)); // routed: it carries the borrower until given back
        Assert.Equal(0, core.Pool.LiveWaiters);
        core.ReturnBorrowed(borrowed);
    }

    [Fact]
    public async Task A_borrower_wakes_when_a_suspect_session_passes_its_ping()
    {
        var ping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var suspect = new ScriptedSession { Ping = _ => ping.Task };
        await using ConnectionCore core = Create(_ => Task.FromException<IMcpSession>(new InvalidOperationException("not opened")), new FakeTimeProvider(), maxSessions: 1);
        core.Pool.AddOpened(suspect);
        PooledSession lost = core.Pool.Route()!;
        core.Pool.Suspect(lost); // a call on it failed as if lost; it takes nothing until its ping decides
        core.ReturnBorrowed(lost);

        ValueTask<PooledSession> borrowing = core.BorrowSessionAsync("research", "task-7", CancellationToken.None);
        await WaitUntilAsync(() => core.Pool.LiveWaiters == 1);
        Assert.False(borrowing.IsCompleted); // the only session is a suspect, and the pool may open no other
        ping.SetResult();

        PooledSession borrowed = await borrowing.AsTask().WaitAsync(NoHang);
        Assert.Same(suspect, borrowed.Session);
        core.ReturnBorrowed(borrowed);
    }

    [Fact]
    public async Task Disposing_the_connection_fails_a_borrower_at_once_with_ObjectDisposedException()
    {
        // The opening ignores the closing signal, so the pool's disposal waits for it: the borrower must not.
        var opening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0;
        ConnectionCore core = Create(
            _ =>
            {
                Interlocked.Increment(ref connects);
                return opening.Task;
            },
            new FakeTimeProvider());
        ValueTask<PooledSession> borrowing = core.BorrowSessionAsync("research", "task-7", CancellationToken.None);
        await WaitUntilAsync(() => Volatile.Read(ref connects) == 1);

        Task disposing = core.DisposeAsync().AsTask();

        ObjectDisposedException disposed = await Assert.ThrowsAsync<ObjectDisposedException>(() => borrowing.AsTask().WaitAsync(NoHang));
        Assert.Contains("task of tool 'research' cannot be followed", disposed.Message, StringComparison.Ordinal);
        Assert.False(disposing.IsCompleted); // woken by the start of disposal, not by its end
        opening.SetResult(new ScriptedSession());
        await disposing.WaitAsync(NoHang);
        Assert.Equal(0, core.Pool.LiveWaiters);
    }

    [Fact]
    public async Task A_cancelled_borrower_unregisters_and_resumes_off_the_cancelling_thread()
    {
        var opening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using ConnectionCore core = Create(token => opening.Task.WaitAsync(token), new FakeTimeProvider());
        using var cancellation = new CancellationTokenSource();
        Task<PooledSession> borrowing = core.BorrowSessionAsync("research", "task-7", cancellation.Token).AsTask();
        bool resumedWhileCancelling = false;
        Task observed = borrowing.ContinueWith(_ => resumedWhileCancelling = t_cancelling, TaskContinuationOptions.ExecuteSynchronously);
        await WaitUntilAsync(() => core.Pool.LiveWaiters == 1);

        t_cancelling = true;
        try
        {
            cancellation.Cancel();
        }
        finally
        {
            t_cancelling = false;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => borrowing.WaitAsync(NoHang));
        await observed;
        Assert.False(resumedWhileCancelling, "The cancelled borrower resumed inside CancellationTokenSource.Cancel().");
        Assert.Equal(0, core.Pool.LiveWaiters);

        // A session that opens later finds no borrower left to wake.
        opening.SetResult(new ScriptedSession());
        await WaitUntilAsync(() => core.Pool.Snapshot().Live == 1);
        Assert.Equal(0, core.Pool.LiveWaiters);
    }

    private static ConnectionCore Create(Func<CancellationToken, Task<IMcpSession>> connect, TimeProvider time, int maxSessions = 2) =>
        new("scripted", new McpConnectionOptions { MinSessions = 1, MaxSessions = maxSessions, TimeProvider = time }, connect, validator: null, NullLogger.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition did not hold within 30 s.");
    }
}
