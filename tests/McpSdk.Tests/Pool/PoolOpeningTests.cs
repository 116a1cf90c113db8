using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Sessions;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Pool;

/// <summary>
/// Where and when the pool opens sessions: never on a caller's thread, never inside a lock a caller holds, and one
/// opening however many callers ask for the first sessions at once.
/// </summary>
public sealed class PoolOpeningTests
{
    private static readonly McpEndpoint s_scripted = McpEndpoint.FromTransport(() => throw new InvalidOperationException("unused"), "scripted");

    // Set on the test's thread around the synchronous part of a call, so that code running inside that call can tell.
    [ThreadStatic]
    private static bool t_insideCall;

    [Fact]
    public async Task Sessions_for_waiting_calls_open_and_fail_off_the_calling_thread()
    {
        var firstOpening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0, connectsOnCallingThread = 0;
        Func<CancellationToken, Task<IMcpSession>> connect = token =>
        {
            if (t_insideCall)
            {
                Interlocked.Increment(ref connectsOnCallingThread);
            }

            // The first opening hangs; the second fails at once, as a stdio start with a missing executable does.
            return Interlocked.Increment(ref connects) == 1
                ? firstOpening.Task.WaitAsync(token)
                : throw new InvalidOperationException("the server cannot start");
        };
        await using var connection = new McpConnection(
            s_scripted, new McpConnectionOptions { MinSessions = 1, MaxSessions = 4, MaxCallsPerSession = 1 }, connect);
        IPoolTools tools = connection.CreateClient<IPoolTools>();

        Task<string> first = tools.EchoAsync("1"); // nothing is open: waits, and the pool starts opening
        bool firstResumedOnCallingThread = false;
        Task observed = first.ContinueWith(_ => firstResumedOnCallingThread = t_insideCall, TaskContinuationOptions.ExecuteSynchronously);
        await WaitUntilAsync(() => Volatile.Read(ref connects) >= 1);

        Task<string> second;
        t_insideCall = true;
        try
        {
            second = tools.EchoAsync("2"); // two waiting calls want two sessions: a second opening, which fails
        }
        finally
        {
            t_insideCall = false;
        }

        // With no session live, the failed opening fails every waiting call.
        await Assert.ThrowsAsync<McpSessionLostException>(() => second);
        await Assert.ThrowsAsync<McpSessionLostException>(() => first);
        await observed;
        Assert.Equal(0, connectsOnCallingThread);
        Assert.False(firstResumedOnCallingThread, "A waiting call was resumed inside another caller's call.");
        firstOpening.TrySetCanceled();
    }

    [Fact]
    public async Task Concurrent_ConnectAsync_calls_share_one_opening_and_each_waits_for_it()
    {
        var opening = new TaskCompletionSource<IMcpSession>(TaskCreationOptions.RunContinuationsAsynchronously);
        int connects = 0;
        await using var connection = new McpConnection(
            s_scripted,
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 4 },
            _ =>
            {
                Interlocked.Increment(ref connects);
                return opening.Task;
            });

        Task one = connection.ConnectAsync();
        Task two = connection.ConnectAsync();
        await WaitUntilAsync(() => Volatile.Read(ref connects) >= 1);
        Assert.False(one.IsCompleted, "ConnectAsync completed before any session was open.");
        Assert.False(two.IsCompleted, "The second ConnectAsync completed before any session was open.");

        opening.SetResult(new ScriptedSession());
        await Task.WhenAll(one, two);
        Assert.Equal(1, Volatile.Read(ref connects));
        Assert.Equal(1, connection.GetStats().Pool.Live);
        await connection.ConnectAsync(); // open already: nothing more
        Assert.Equal(1, Volatile.Read(ref connects));
    }

    [Fact]
    public async Task A_failed_first_opening_is_tried_again_by_the_next_ConnectAsync()
    {
        int connects = 0;
        await using var connection = new McpConnection(
            s_scripted,
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 1 },
            _ => Interlocked.Increment(ref connects) == 1
                ? Task.FromException<IMcpSession>(new InvalidOperationException("not yet"))
                : Task.FromResult<IMcpSession>(new ScriptedSession()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ConnectAsync());
        await connection.ConnectAsync();
        Assert.Equal(1, connection.GetStats().Pool.Live);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The expected state was not reached within 30 s.");
    }
}
