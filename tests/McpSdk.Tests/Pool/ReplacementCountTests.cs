using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using McpSdk.Sessions;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Pool;

/// <summary>What <see cref="McpPoolStats.Replaced"/> counts when a session faults: the session that follows it.</summary>
public sealed class ReplacementCountTests
{
    [Fact]
    public async Task A_session_opened_for_waiting_calls_after_one_faulted_counts_as_its_replacement()
    {
        var held = new HeldCalls();
        var sessions = new ConcurrentQueue<ScriptedSession>([new(held.Hold), new(held.Hold), new(held.Hold)]);
        var first = sessions.ToArray()[0];
        await using var connection = new McpConnection(
            McpEndpoint.FromTransport(() => throw new InvalidOperationException("unused"), "scripted"),
            new McpConnectionOptions { MinSessions = 1, MaxSessions = 2, MaxCallsPerSession = 1 },
            _ => Task.FromResult<IMcpSession>(sessions.TryDequeue(out ScriptedSession? next) ? next : throw new InvalidOperationException("No more sessions.")));
        await connection.ConnectAsync();
        IPoolTools tools = connection.CreateClient<IPoolTools>();

        Task<string> one = tools.EchoAsync("1");   // on the first session
        Task<string> two = tools.EchoAsync("2");   // waits, so the pool grows to a second
        await held.WaitForAsync(2);
        await held.ReleaseNextAsync();
        Assert.Equal("done:{\"message\":\"1\"}", await one);

        first.Fail();                               // one live session is left: the minimum, so nothing replaces it yet
        await WaitUntilAsync(() => connection.GetStats().Pool is { Faulted: 1, Live: 1 });
        Assert.Equal(0, connection.GetStats().Pool.Replaced);

        Task<string> three = tools.EchoAsync("3"); // the second session is busy: the pool grows again
        await held.WaitForAsync(2);
        await held.ReleaseNextAsync();
        await held.ReleaseNextAsync();
        await Task.WhenAll(two, three);

        McpPoolStats pool = connection.GetStats().Pool;
        Assert.Equal(3, pool.Started);
        Assert.Equal(1, pool.Faulted);
        Assert.Equal(1, pool.Replaced);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The pool did not reach the expected state within 30 s.");
    }
}
