using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Diagnostics;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpSdk.Tests.Sessions;

/// <summary>Progress handlers are user code: they run off the transport's read loop, in order, before the call returns.</summary>
public sealed class ProgressDeliveryTests
{
    // Only a guard against hanging forever on a broken build; a passing run never comes near it.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_blocked_progress_handler_does_not_stop_another_call_on_the_same_session()
    {
        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, new McpConnectionOptions { MaxSessions = 1 });
        ITestTools tools = connection.CreateClient<ITestTools>();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new ConcurrentQueue<double>();
        var blocking = new Handler(value =>
        {
            seen.Enqueue(value.Progress);
            entered.TrySetResult();
            gate.Task.Wait(); // a handler that blocks its thread until the test lets it go
        });

        Task<string> withProgress = tools.ProgressAsync(3, blocking);
        try
        {
            await entered.Task.WaitAsync(s_hangGuard);

            Assert.Equal("Echo: meanwhile", await tools.EchoAsync("meanwhile").WaitAsync(s_hangGuard));
            Assert.False(withProgress.IsCompleted); // its result waits for its handler
        }
        finally
        {
            gate.TrySetResult();
        }

        Assert.Equal("done", await withProgress.WaitAsync(s_hangGuard));
        Assert.Equal([1d, 2d, 3d], seen);
        Assert.Equal(1, connection.GetStats().Pool.Live);
    }

    [Fact]
    public async Task A_throwing_progress_handler_is_logged_and_does_not_break_the_session()
    {
        var server = new TestToolServer();
        var logs = new CapturingLoggerProvider();
        using ILoggerFactory loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint, new McpConnectionOptions { MaxSessions = 1, LoggerFactory = loggerFactory });
        ITestTools tools = connection.CreateClient<ITestTools>();
        var seen = new List<double>();
        var throwing = new Handler(value =>
        {
            seen.Add(value.Progress);
            throw new InvalidOperationException("handler broke at " + value.Progress);
        });

        Assert.Equal("done", await tools.ProgressAsync(3, throwing));

        Assert.Equal([1d, 2d, 3d], seen); // every report still reached it, in order, before the result
        Assert.Equal("Echo: after", await tools.EchoAsync("after"));
        Assert.Equal(1, connection.GetStats().Pool.Live);
        Assert.Contains(logs.Entries, entry => entry.Exception is InvalidOperationException { Message: "handler broke at 1" });
    }

    [Fact]
    public async Task Every_progress_report_reaches_a_slow_handler_before_the_result_in_order()
    {
        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        ITestTools tools = connection.CreateClient<ITestTools>();
        var seen = new List<double>();
        int running = 0;
        var slow = new Handler(value =>
        {
            Assert.Equal(1, Interlocked.Increment(ref running)); // never two reports at once
            Thread.Yield();
            seen.Add(value.Progress);
            Interlocked.Decrement(ref running);
        });

        Assert.Equal("done", await tools.ProgressAsync(50, slow));

        Assert.Equal(Enumerable.Range(1, 50).Select(step => (double)step), seen);
    }

    private sealed class Handler(Action<McpProgress> report) : IProgress<McpProgress>
    {
        public void Report(McpProgress value) => report(value);
    }
}
