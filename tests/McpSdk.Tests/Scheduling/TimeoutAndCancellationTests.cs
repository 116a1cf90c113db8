using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Scheduling;

public sealed class TimeoutAndCancellationTests
{
    [Fact]
    public async Task A_deadline_passing_while_running_cancels_the_request_releases_the_slot_and_says_it_was_running()
    {
        var clock = new FakeTimeProvider();
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> call = tools.DeadlineAsync(1);
        await held.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(1_000));

        var error = await Assert.ThrowsAsync<McpSdkTimeoutException>(() => call);
        Assert.Equal("deadline", error.ToolName);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Deadline);
        Assert.Equal(TimeSpan.Zero, error.Queued);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Running);
        Assert.Contains("1000 ms", error.Message);
        Assert.Single(session.CancelledWhileRunning);

        McpToolStats stats = connection.GetStats().Tools["deadline"];
        Assert.Equal((1, 0, 1, 1, 0), (stats.Submitted, stats.Succeeded, stats.Failed, stats.TimedOut, stats.InFlight));
    }

    [Fact]
    public async Task A_deadline_passing_in_the_queue_never_reaches_the_server_and_says_it_was_queued()
    {
        var clock = new FakeTimeProvider();
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> first = tools.DeadlineAsync(1);
        await held.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        Task<string> second = tools.DeadlineAsync(2);
        clock.Advance(TimeSpan.FromMilliseconds(600)); // the first one's deadline
        await Assert.ThrowsAsync<McpSdkTimeoutException>(() => first);

        // The first call's slot went to the second one, which then ran out of time itself.
        await held.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(400));
        var error = await Assert.ThrowsAsync<McpSdkTimeoutException>(() => second);
        Assert.Equal(TimeSpan.FromMilliseconds(600), error.Queued);
        Assert.Equal(TimeSpan.FromMilliseconds(400), error.Running);
        Assert.Equal(2, session.StartedCount);
    }

    [Fact]
    public async Task A_call_timing_out_while_queued_is_never_started()
    {
        var clock = new FakeTimeProvider();
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();
        Task<string> blocker = tools.DeadlineAsync(1);
        await held.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Task<string> queued = tools.DeadlineAsync(2);

        clock.Advance(TimeSpan.FromMilliseconds(1)); // blocker's deadline: its slot passes to the queued call
        await Assert.ThrowsAsync<McpSdkTimeoutException>(() => blocker);
        await held.WaitForAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(1_000));

        var error = await Assert.ThrowsAsync<McpSdkTimeoutException>(() => queued);
        Assert.Equal(TimeSpan.FromMilliseconds(1), error.Queued);
        McpToolStats stats = connection.GetStats().Tools["deadline"];
        Assert.Equal((2, 2, 0, 0), (stats.Submitted, stats.TimedOut, stats.InFlight, stats.Queued.Total));
    }

    [Fact]
    public async Task Cancelling_a_queued_call_removes_it_at_once_and_frees_nothing_it_did_not_hold()
    {
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();
        Task<string> running = tools.NormalAsync(0);
        await held.WaitForAsync(1);
        using var cts = new CancellationTokenSource();
        Task<string> queued = tools.NormalAsync(1, cts.Token);
        Task<string> behind = tools.NormalAsync(2);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        McpToolStats stats = connection.GetStats().Tools["single"];
        Assert.Equal((1, 1, 1), (stats.Queued.Normal, stats.InFlight, stats.Cancelled));
        Assert.Equal(1, session.StartedCount);

        await held.ReleaseNextAsync();
        Assert.Equal(2, PriorityTests.Id(await held.ReleaseNextAsync()));
        await Task.WhenAll(running, behind);
        Assert.Equal(2, session.StartedCount);
    }

    [Fact]
    public async Task Cancelling_a_running_call_cancels_the_request_and_releases_the_slot()
    {
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();
        using var cts = new CancellationTokenSource();
        Task<string> call = tools.NormalAsync(1, cts.Token);
        await held.WaitForAsync(1);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(session.CancelledWhileRunning);
        Task<string> next = tools.NormalAsync(2);
        await held.WaitForAsync(2);
        await held.ReleaseNextAsync();
        await held.ReleaseNextAsync();
        await next;
        McpToolStats stats = connection.GetStats().Tools["single"];
        Assert.Equal((2, 1, 0, 1), (stats.Submitted, stats.Succeeded, stats.Failed, stats.Cancelled));
    }

    [Fact]
    public async Task A_deadline_on_the_real_server_sends_the_cancellation_the_server_sees()
    {
        var server = new Servers.TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        ISlowTools tools = connection.CreateClient<ISlowTools>();

        var error = await Assert.ThrowsAsync<McpSdkTimeoutException>(() => tools.HangWithDeadlineAsync());

        Assert.Equal("hang", error.ToolName);
        await server.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Echo: alive", await tools.EchoAsync("alive"));
        McpToolStats stats = connection.GetStats().Tools["hang"];
        Assert.Equal((1, 1, 0), (stats.TimedOut, stats.Failed, stats.InFlight));
    }
}
