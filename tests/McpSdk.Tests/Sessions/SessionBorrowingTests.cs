using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Core;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace McpSdk.Tests.Sessions;

/// <summary>
/// How a task's follower that lost its session borrows another one from the pool (<see cref="ConnectionCore.BorrowSessionAsync"/>):
/// it fails as waiting calls do when the pool gives up. Each wait is bounded (30 s) only to prove it does not hang.
/// </summary>
public sealed class SessionBorrowingTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

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

    private static ConnectionCore Create(Func<CancellationToken, Task<IMcpSession>> connect, TimeProvider time) =>
        new("scripted", new McpConnectionOptions { MinSessions = 1, MaxSessions = 2, TimeProvider = time }, connect, validator: null, NullLogger.Instance);
}
