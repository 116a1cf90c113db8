using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Scheduling;

public sealed class RetryTests
{
    [Fact]
    public async Task A_transport_fault_on_the_first_attempt_and_success_on_the_second_returns_the_result()
    {
        int attempts = 0;
        var session = new ScriptedSession(call => Interlocked.Increment(ref attempts) == 1
            ? throw new IOException("pipe broken")
            : ValueTask.FromResult(ScriptedCall.Text("second time lucky")));
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Assert.Equal("second time lucky", await tools.FragileAsync(1));

        Assert.Equal(2, attempts);
        McpToolStats stats = connection.GetStats().Tools["fragile"];
        Assert.Equal((1, 1, 0, 1), (stats.Submitted, stats.Succeeded, stats.Failed, stats.Retried));
    }

    [Fact]
    public async Task A_failed_HTTP_request_is_retried_as_a_lost_session_but_refused_credentials_are_not()
    {
        // The invoker turns these into McpSessionLostException or McpAuthorizationException before the retry
        // pipeline sees them: the pipeline only handles the former.
        // Attempt by attempt: a reset connection, an answer, then refused credentials (and answers, were it retried).
        var faults = new ConcurrentQueue<HttpRequestException?>([new("connection reset"), null, new("unauthorized", null, HttpStatusCode.Unauthorized)]);
        int attempts = 0;
        var session = new ScriptedSession(call =>
        {
            Interlocked.Increment(ref attempts);
            return faults.TryDequeue(out HttpRequestException? fault) && fault is not null
                ? throw fault
                : ValueTask.FromResult(ScriptedCall.Text("answered"));
        });
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Assert.Equal("answered", await tools.FragileAsync(1));
        await Assert.ThrowsAsync<McpAuthorizationException>(() => tools.FragileAsync(2));

        Assert.Equal(3, attempts);
        McpToolStats stats = connection.GetStats().Tools["fragile"];
        Assert.Equal((2, 1, 1, 1), (stats.Submitted, stats.Succeeded, stats.Failed, stats.Retried));
    }

    [Fact]
    public async Task A_tool_error_is_never_retried()
    {
        int attempts = 0;
        var session = new ScriptedSession(call =>
        {
            Interlocked.Increment(ref attempts);
            return ValueTask.FromResult(ScriptedCall.Error("bad input"));
        });
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        await Assert.ThrowsAsync<McpToolException>(() => tools.FragileAsync(1));
        CallToolResult raw = await tools.FragileRawAsync(2);

        Assert.True(raw.IsError);
        Assert.Equal(2, attempts);
        Assert.Equal(0, connection.GetStats().Total.Retried);
    }

    [Fact]
    public async Task When_every_attempt_loses_the_session_the_last_McpSessionLostException_surfaces()
    {
        int attempts = 0;
        var session = new ScriptedSession(call =>
        {
            Interlocked.Increment(ref attempts);
            throw new IOException("server exited");
        });
        await using McpConnection connection = TestConnections.Create(session);
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        var error = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.FragileAsync(1));

        Assert.Equal(3, attempts);
        Assert.Equal("fragile", error.ToolName);
        Assert.Contains("server exited", error.Message);
        McpToolStats stats = connection.GetStats().Tools["fragile"];
        Assert.Equal((1, 0, 1, 2), (stats.Submitted, stats.Succeeded, stats.Failed, stats.Retried));
    }

    [Fact]
    public async Task Backing_off_holds_no_slot_and_waits_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider();
        int attempts = 0;
        var session = new ScriptedSession(call => Interlocked.Increment(ref attempts) < 3
            ? throw new IOException("flaky")
            : ValueTask.FromResult(ScriptedCall.Text("ok")));
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { TimeProvider = clock });
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();

        Task<string> call = tools.BackoffAsync(1);
        await WaitUntilAsync(() => Volatile.Read(ref attempts) == 1);
        Assert.Equal(0, connection.GetStats().Tools["backoff"].InFlight);
        Assert.False(call.IsCompleted);

        for (int i = 0; i < 50 && !call.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        Assert.Equal("ok", await call);
        Assert.Equal(3, attempts);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(1);
        }

        Assert.True(condition());
    }
}
