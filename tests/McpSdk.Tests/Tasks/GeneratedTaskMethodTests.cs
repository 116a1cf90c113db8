using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Reliability;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// Generated task methods end to end against the fault server: <c>[RunAsTask]</c> on a method and an interface, and the
/// handle shapes. Polling time is a <see cref="FakeTimeProvider"/> that is never advanced, so every ending here comes
/// from the server's answer or the caller's token, never from a poll timer. Each wait is bounded (30 s) only to prove it
/// does not hang.
/// </summary>
public sealed class GeneratedTaskMethodTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsTask_TimeToLiveSeconds_reaches_the_server_as_the_tasks_ttl_from_method_interface_and_default()
    {
        await using McpConnection connection = await OpenStdioAsync();
        IGeneratedTaskTools tools = connection.CreateClient<IGeneratedTaskTools>();
        ITwoMinuteTaskTools twoMinutes = connection.CreateClient<ITwoMinuteTaskTools>();

        Assert.Equal("ttl: 600000", await tools.TenMinuteTtlAsync().WaitAsync(NoHang)); // the method's attribute
        Assert.Equal("ttl: 120000", await twoMinutes.TtlAsync().WaitAsync(NoHang)); // the interface's
        Assert.Equal("ttl: 30000", await twoMinutes.ThirtySecondTtlAsync().WaitAsync(NoHang)); // the method's over the interface's
        McpTask<string> started = await tools.StartTtlAsync().WaitAsync(NoHang);
        Assert.Equal("ttl: 3600000", await started.GetResultAsync().WaitAsync(NoHang)); // a handle without the attribute: one hour
    }

    [Fact]
    public async Task An_interface_level_RunAsTask_calls_an_optional_tool_as_a_task()
    {
        await using McpConnection connection = await OpenStdioAsync();

        Assert.Equal("task: insisted", await connection.CreateClient<ITwoMinuteTaskTools>().OptionalAsync("insisted").WaitAsync(NoHang));
        Assert.Equal("plain: direct", await connection.CreateClient<IFaultTaskTools>().OptionalAsync("direct").WaitAsync(NoHang));
    }

    [Fact]
    public async Task Cancelling_a_handles_wait_stops_waiting_and_leaves_the_task_running_to_its_end()
    {
        await using McpConnection connection = await OpenStdioAsync();
        IGeneratedTaskTools tools = connection.CreateClient<IGeneratedTaskTools>();
        McpTask<string> handle = await tools.StartHeldAsync("kept").WaitAsync(NoHang);
        using var stop = new CancellationTokenSource();
        var followed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The wait's first tasks/get answered "held": the wait is following the task when its token is cancelled.
        Task<string> wait = handle.GetResultAsync(new RecordingProgress(_ => followed.TrySetResult()), stop.Token);
        await followed.Task.WaitAsync(NoHang);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(NoHang));
        Assert.Equal(McpTaskState.Working, (await handle.GetStatusAsync().WaitAsync(NoHang)).State); // no tasks/cancel was sent
        Assert.Equal("released 1", await tools.ReleaseAsync("release:kept").WaitAsync(NoHang));
        Assert.Equal(McpTaskState.Completed, (await handle.GetStatusAsync().WaitAsync(NoHang)).State);
        Assert.Equal("task: kept released", await handle.GetResultAsync().WaitAsync(NoHang));
        Assert.Equal(0, connection.GetStats().Tools["task-held"].InFlight);
    }

    [Fact]
    public async Task Cancelling_GetResultOrCancelAsync_ends_the_task_on_the_server_too()
    {
        await using McpConnection connection = await OpenStdioAsync();
        IGeneratedTaskTools tools = connection.CreateClient<IGeneratedTaskTools>();
        McpTask<string> handle = await tools.StartHeldAsync("ended").WaitAsync(NoHang);
        using var stop = new CancellationTokenSource();
        var followed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // As above, but the waiter is the task's only reader (what an AI function is): its cancellation cancels the task.
        Task<string> wait = handle.GetResultOrCancelAsync(new RecordingProgress(_ => followed.TrySetResult()), stop.Token);
        await followed.Task.WaitAsync(NoHang);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(NoHang));
        Assert.Equal(McpTaskState.Cancelled, (await handle.GetStatusAsync().WaitAsync(NoHang)).State);
        Assert.Equal(0, connection.GetStats().Tools["task-held"].InFlight);
    }

    [Fact]
    public async Task Retry_after_a_stdio_task_lost_with_its_process_creates_a_new_task_on_each_attempt()
    {
        string creations = Path.GetTempFileName();
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["MCPSDK_TEST_MARKER"] = nameof(Retry_after_a_stdio_task_lost_with_its_process_creates_a_new_task_on_each_attempt),
                ["FAULT_SERVER_TASK_LOG"] = creations,
            };
            await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Stdio("dotnet", [FaultServer.Path], environment, workingDirectory: null));
            IGeneratedTaskTools tools = connection.CreateClient<IGeneratedTaskTools>();

            // task-crash ends its process at the first poll, every time: each of the 3 attempts loses its task.
            McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.CrashRetriedAsync().WaitAsync(NoHang));

            Assert.Equal("task-crash", lost.ToolName);
            string[] created = File.ReadAllLines(creations);
            Assert.Equal(3, created.Length);
            Assert.All(created, line => Assert.StartsWith("task-crash task-crash-", line, StringComparison.Ordinal));
            Assert.Equal(3, created.Distinct(StringComparer.Ordinal).Count()); // a new task each time, not the lost id again
            McpToolStats stats = connection.GetStats().Tools["task-crash"];
            Assert.Equal((1, 1, 0), (stats.Submitted, stats.Failed, stats.InFlight)); // the retried call is one call
        }
        finally
        {
            File.Delete(creations);
        }
    }

    [Fact]
    public async Task The_AI_function_of_a_handle_method_returns_the_tasks_value()
    {
        await using McpConnection connection = await OpenStdioAsync();
        AIFunction start = Assert.Single(connection.CreateClient<IStartedTaskTools>().AsAIFunctions());

        object? value = await start.InvokeAsync(new AIFunctionArguments { ["text"] = "for the model" }).AsTask().WaitAsync(NoHang);

        Assert.Equal("task-ok", start.Name);
        Assert.Equal("task: for the model", value);
    }

    [Fact]
    public async Task A_handle_methods_creation_is_one_span_carrying_the_task_id()
    {
        using var test = new ActivitySource("McpSdk.Tests.Tasks.HandleSpan");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == McpSdkTelemetry.SourceName || source == test,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using McpConnection connection = await OpenStdioAsync();
        IGeneratedTaskTools tools = connection.CreateClient<IGeneratedTaskTools>();

        McpTask<string> handle;
        ActivityTraceId trace;
        using (Activity parent = test.StartActivity("start a task")!)
        {
            trace = parent.TraceId; // spans of other tests running beside this one are in other traces
            handle = await tools.StartOkAsync("traced").AsTask().WaitAsync(NoHang);
        }

        Activity span = Assert.Single(stopped, activity => activity.TraceId == trace && activity.Source.Name == McpSdkTelemetry.SourceName);
        Assert.Equal("task-ok", span.GetTagItem("gen_ai.tool.name"));
        Assert.Equal(handle.TaskId, span.GetTagItem("mcpsdk.task.id"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    private static Task<McpConnection> OpenStdioAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        McpConnection.OpenAsync(FaultServer.Endpoint(test), new McpConnectionOptions { TimeProvider = new FakeTimeProvider() });
}
