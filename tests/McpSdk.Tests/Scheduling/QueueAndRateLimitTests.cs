using System;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Scheduling;

public sealed class QueueAndRateLimitTests
{
    [Fact]
    public async Task The_call_beyond_the_QueueLimit_fails_at_once_and_disturbs_nothing_else()
    {
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> running = tools.BoundedAsync(0);
        await held.WaitForAsync(1);
        Task<string>[] waiting = [tools.BoundedAsync(1), tools.BoundedAsync(2)];

        Task<string> refused = tools.BoundedAsync(3);

        Assert.True(refused.IsFaulted);
        var error = await Assert.ThrowsAsync<McpQueueFullException>(() => refused);
        Assert.Equal("bounded", error.ToolName);
        Assert.Equal(McpQueueScope.Tool, error.Scope);
        Assert.Equal(2, error.Limit);
        Assert.Contains("QueueLimit", error.Message);
        Assert.All(waiting, call => Assert.False(call.IsCompleted));

        for (int i = 0; i < 3; i++)
        {
            await held.ReleaseNextAsync();
        }

        await Task.WhenAll(waiting.Append(running));
        McpToolStats stats = connection.GetStats().Tools["bounded"];
        Assert.Equal((4, 3, 1, 1), (stats.Submitted, stats.Succeeded, stats.Failed, stats.Rejected));
    }

    [Fact]
    public async Task The_connection_QueueLimit_bounds_waiting_calls_of_all_tools()
    {
        var held = new HeldCalls();
        await using McpConnection connection = TestConnections.Create(
            new ScriptedSession(held.Hold), new McpConnectionOptions { MaxConcurrency = 1, QueueLimit = 1 });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> running = tools.FreeAsync(0);
        await held.WaitForAsync(1);
        Task<string> waiting = tools.LimitedAsync(1);

        var error = await Assert.ThrowsAsync<McpQueueFullException>(() => tools.FreeAsync(2));

        Assert.Equal(McpQueueScope.Connection, error.Scope);
        await held.ReleaseNextAsync();
        await held.ReleaseNextAsync();
        await Task.WhenAll(running, waiting);
    }

    [Fact]
    public async Task Starts_per_window_never_exceed_the_rate_limit_on_a_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string>[] calls = Enumerable.Range(0, 23).Select(i => tools.QuotaAsync(i)).ToArray();

        int[] startsAfterWindow = new int[6];
        startsAfterWindow[0] = session.StartedCount;
        for (int window = 1; window < startsAfterWindow.Length; window++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await WaitUntilAsync(() => session.StartedCount >= Math.Min(23, 5 * (window + 1)));
            startsAfterWindow[window] = session.StartedCount;
        }

        Assert.Equal([5, 10, 15, 20, 23, 23], startsAfterWindow);
        await Task.WhenAll(calls);
        Assert.Equal(23, connection.GetStats().Tools["quota"].Succeeded);
    }

    [Fact]
    public async Task Reject_mode_raises_McpRateLimitedException_when_no_permit_is_left()
    {
        var clock = new FakeTimeProvider();
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        await tools.QuotaStrictAsync(1);
        await tools.QuotaStrictAsync(2);
        var error = await Assert.ThrowsAsync<McpRateLimitedException>(() => tools.QuotaStrictAsync(3));

        Assert.Equal("quota-strict", error.ToolName);
        Assert.Equal(2, error.Permits);
        Assert.Equal(TimeSpan.FromSeconds(10), error.Window);
        Assert.Equal(2, session.StartedCount);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.StartsWith("ok:", await tools.QuotaStrictAsync(4));
        McpToolStats stats = connection.GetStats().Tools["quota-strict"];
        Assert.Equal((4, 3, 1), (stats.Submitted, stats.Succeeded, stats.Rejected));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(1);
        }
    }
}
