using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Sessions;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// A task followed over a transport where tasks outlive their session (Streamable HTTP), whose session is lost: the
/// test decides, through gates, when the lost session's ping fails and when each new session opens or fails. Each
/// wait is bounded (30 s) only to prove it does not hang.
/// </summary>
public sealed class TaskSessionLossTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);
    private static readonly McpEndpoint s_scripted = McpEndpoint.FromTransport(() => throw new InvalidOperationException("unused"), "scripted");

    [Fact]
    public async Task A_task_whose_session_is_lost_is_followed_on_a_new_session_as_soon_as_it_opens()
    {
        var reopening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0;
        await using var connection = new McpConnection(
            s_scripted,
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 2, TimeProvider = new FakeTimeProvider() }, // never advanced: no poll can wake it
            token => Interlocked.Increment(ref connects) switch
            {
                1 => Task.FromResult<IMcpSession>(ScriptedTaskSession.Losing(new TaskCompletionSource().Task)), // its ping never answers
                _ => reopening.Task.WaitAsync(token),
            });

        Task<CallToolResult> result = connection.AttachTask("research", "task-7").GetResultAsync();
        await WaitUntilAsync(() => Volatile.Read(ref connects) == 2);
        Assert.False(result.IsCompleted);
        reopening.SetResult(ScriptedTaskSession.Completing("report"));

        CallToolResult report = await result.WaitAsync(NoHang);
        Assert.Equal("report", Assert.IsType<TextContentBlock>(Assert.Single(report.Content)).Text);
        Assert.Equal(0, connection.GetStats().Tools["research"].InFlight);
    }

    [Fact]
    public async Task A_task_whose_session_is_lost_for_good_fails_naming_its_id_instead_of_hanging()
    {
        var ping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reopening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0;
        var gone = new InvalidOperationException("connection refused");
        await using var connection = new McpConnection(
            s_scripted,
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 2 }, // no [Timeout], and real time: nothing else would end the wait
            token => Interlocked.Increment(ref connects) switch
            {
                1 => Task.FromResult<IMcpSession>(ScriptedTaskSession.Losing(ping.Task)),
                2 => reopening.Task.WaitAsync(token),
                _ => Task.FromException<IMcpSession>(gone),
            });

        Task<CallToolResult> result = connection.AttachTask("research", "task-7").GetResultAsync();
        await WaitUntilAsync(() => Volatile.Read(ref connects) == 2); // the follower lost its session and asked for another
        ping.SetException(new IOException("connection refused")); // the lost session is dead: retired, nothing live
        reopening.SetException(gone); // and no new one opens: the server is down for good

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => result.WaitAsync(NoHang));
        Assert.Equal("research", lost.ToolName);
        Assert.Same(gone, lost.InnerException);
        Assert.Contains("McpConnection.AttachTask(\"research\", \"task-7\")", lost.Message, StringComparison.Ordinal);
        McpToolStats stats = connection.GetStats().Tools["research"];
        Assert.Equal(0, stats.InFlight); // the handle's wait gave its slots back
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition did not hold within 30 s.");
    }
}
