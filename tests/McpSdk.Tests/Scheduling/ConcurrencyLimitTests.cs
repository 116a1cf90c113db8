using System;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Scheduling;

public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task Under_ten_times_MaxConcurrency_calls_the_session_never_sees_more_than_the_limit_and_all_complete()
    {
        var session = new ScriptedSession(async call =>
        {
            await Task.Delay(Random.Shared.Next(0, 3));
            return ScriptedCall.Text("ok");
        });
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        string[] results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => tools.LimitedAsync(i))));

        Assert.All(results, result => Assert.Equal("ok", result));
        Assert.Equal(3, session.MaxInFlight("limited"));
        McpToolStats stats = connection.GetStats().Tools["limited"];
        Assert.Equal(30, stats.Submitted);
        Assert.Equal(30, stats.Succeeded);
        Assert.Equal(0, stats.InFlight);
        Assert.Equal(0, stats.Queued.Total);
    }

    [Fact]
    public async Task A_call_beyond_MaxConcurrency_waits_for_a_free_slot()
    {
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string>[] first = Enumerable.Range(0, 3).Select(i => tools.LimitedAsync(i)).ToArray();
        await held.WaitForAsync(3);
        Task<string> fourth = tools.LimitedAsync(3);

        Assert.False(fourth.IsCompleted);
        Assert.Equal(1, connection.GetStats().Tools["limited"].Queued.Normal);
        Assert.Equal(3, session.StartedCount);

        await held.ReleaseNextAsync();
        await held.WaitForAsync(3);
        Assert.Equal(4, session.StartedCount);
        for (int i = 0; i < 3; i++)
        {
            await held.ReleaseNextAsync();
        }

        await Task.WhenAll(first.Append(fourth));
    }

    [Fact]
    public async Task The_connection_wide_MaxConcurrency_bounds_all_tools_together()
    {
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { MaxConcurrency = 2 });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string>[] calls = [tools.FreeAsync(1), tools.LimitedAsync(2), tools.FreeAsync(3), tools.LimitedAsync(4)];
        await held.WaitForAsync(2);
        await Task.Delay(50); // give a wrongly admitted third call the chance to show up

        Assert.Equal(2, session.StartedCount);
        Assert.Equal(2, connection.GetStats().Total.Queued.Total);
        for (int i = 0; i < 4; i++)
        {
            await held.ReleaseNextAsync();
        }

        await Task.WhenAll(calls);
        Assert.Equal(4, connection.GetStats().Total.Succeeded);
    }

    [Fact]
    public async Task Limits_hold_against_the_real_in_process_server()
    {
        var server = new Servers.TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        ISlowTools tools = connection.CreateClient<ISlowTools>();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => tools.SlowAsync(5)));

        Assert.Equal(4, server.MaxConcurrentSlowCalls);
    }
}
