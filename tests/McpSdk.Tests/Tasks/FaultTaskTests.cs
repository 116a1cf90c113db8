using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Reliability;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// The task endings the reference server cannot be asked for, made deterministic by the fault server: polling time is a
/// <see cref="FakeTimeProvider"/> that is never advanced unless said, so a call that ends proves it did not wait for a poll.
/// Each wait is bounded (30 s) only to prove it does not hang.
/// </summary>
public sealed class FaultTaskTests
{
    private static readonly TimeSpan NoHang = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_task_created_already_completed_is_read_without_waiting_for_a_poll()
    {
        await using McpConnection connection = await OpenStdioAsync(new FakeTimeProvider());
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();

        Assert.Equal("task: hello", await tools.OkAsync("hello").WaitAsync(NoHang));
    }

    [Fact]
    public async Task A_failed_task_raises_McpToolException_with_the_tools_error_text()
    {
        await using McpConnection connection = await OpenStdioAsync(new FakeTimeProvider());
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();

        McpToolException failed = await Assert.ThrowsAsync<McpToolException>(() => tools.FailsAsync().WaitAsync(NoHang));

        Assert.Equal("task-fails", failed.ToolName);
        Assert.Contains("task-fails requested", failed.ErrorText, StringComparison.Ordinal);
        McpToolStats stats = connection.GetStats().Tools["task-fails"];
        Assert.Equal((1, 0, 1), (stats.Submitted, stats.Succeeded, stats.Failed));
    }

    [Fact]
    public async Task A_task_result_that_does_not_fit_the_declared_type_is_a_mismatch_naming_tool_path_and_type()
    {
        await using McpConnection connection = await OpenStdioAsync(new FakeTimeProvider());
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();

        McpResultMismatchException mismatch = await Assert.ThrowsAsync<McpResultMismatchException>(() => tools.WrongShapeAsync().WaitAsync(NoHang));

        Assert.Equal("task-wrong-shape", mismatch.ToolName);
        Assert.Equal(typeof(TaskReport), mismatch.ExpectedType);
        Assert.StartsWith("$", mismatch.JsonPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_the_server_forgets_fails_with_McpTaskException_carrying_its_id()
    {
        var time = new FakeTimeProvider();
        await using McpConnection connection = await OpenStdioAsync(time);
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();

        Task<string> call = tools.ForgottenAsync();
        await AdvanceUntilAsync(time, call); // the first poll, a second after creation, finds the id unknown

        McpTaskException forgotten = await Assert.ThrowsAsync<McpTaskException>(() => call);
        Assert.Equal("task-forgotten", forgotten.ToolName);
        Assert.StartsWith("task-forgotten-", forgotten.TaskId, StringComparison.Ordinal);
        Assert.Contains("does not know task", forgotten.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_notification_ends_the_wait_without_any_poll()
    {
        await using McpConnection connection = await OpenStdioAsync(new FakeTimeProvider()); // never advanced: no poll can happen
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();

        Assert.Equal("notified after 0 polls", await tools.NotifyAsync().WaitAsync(NoHang));
    }

    [Fact]
    public async Task A_running_task_holds_its_tools_MaxConcurrency_slot_until_it_ends()
    {
        var time = new FakeTimeProvider();
        await using McpConnection connection = await OpenStdioAsync(time);
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();
        Assert.Equal("task: hello", await tools.OkAsync("hello").WaitAsync(NoHang)); // learned: the next calls are not held by it

        Task<string> first = tools.TwoPollsAsync("first");
        Task<string> second = tools.TwoPollsAsync("second");
        for (int wait = 0; wait < 3_000 && connection.GetStats().Tools["task-two-polls"] is not { InFlight: 1, Queued.Normal: 1 }; wait++)
        {
            await Task.Delay(10); // until the first task is created and the second call waits for its slot (bounded: 30 s)
        }

        McpToolStats held = connection.GetStats().Tools["task-two-polls"];
        Assert.Equal((1, 1), (held.InFlight, held.Queued.Normal));
        await AdvanceUntilAsync(time, Task.WhenAll(first, second));

        Assert.Equal("task: first after 0 ended", await first);
        Assert.Equal("task: second after 1 ended", await second); // created only once the first task had ended
    }

    [Fact]
    public async Task A_stdio_server_that_exits_mid_task_fails_the_call_as_a_lost_session()
    {
        await using McpConnection connection = await McpConnection.OpenAsync(FaultServer.Endpoint(nameof(A_stdio_server_that_exits_mid_task_fails_the_call_as_a_lost_session)));
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.CrashAsync().WaitAsync(NoHang));

        Assert.Equal("task-crash", lost.ToolName);
        Assert.Contains("tasks end with its process", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTTP_session_lost_mid_task_is_followed_to_the_end_on_a_new_session()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri));
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();
        string? first = connection.GetStats().Pool.Sessions.Single().SessionId;

        Assert.Equal("task: resumed", await tools.LoseSessionAsync("resumed").WaitAsync(NoHang));

        McpPoolStats pool = connection.GetStats().Pool;
        Assert.NotEqual(first, pool.Sessions.Single(session => session.SessionId is not null).SessionId);
        McpToolStats stats = connection.GetStats().Tools["task-lose-session"];
        Assert.Equal((1, 1, 0), (stats.Submitted, stats.Succeeded, stats.InFlight));
    }

    [Fact]
    public async Task An_optional_task_tool_is_called_plainly_unless_the_method_insists()
    {
        await using McpConnection connection = await OpenStdioAsync(new FakeTimeProvider());
        IFaultTaskTools tools = connection.CreateClient<IFaultTaskTools>();
        Assert.Equal("plain: direct", await tools.OptionalAsync("direct").WaitAsync(NoHang));

        IGeneratedTaskTools insisting = connection.CreateClient<IGeneratedTaskTools>();
        Assert.Equal("task: insisted", await insisting.OptionalAsTaskAsync("insisted").WaitAsync(NoHang));

        McpTaskException refused = await Assert.ThrowsAsync<McpTaskException>(() => insisting.OkAsTaskAsync());
        Assert.Contains("remove [RunAsTask]", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_started_task_handle_carries_its_id_and_is_collected_later_and_from_another_connection()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();
        await using McpConnection starter = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri));
        IGeneratedTaskTools tools = starter.CreateClient<IGeneratedTaskTools>();

        McpTask<string> handle = await tools.StartOkAsync("later").AsTask().WaitAsync(NoHang);

        Assert.StartsWith("task-ok-", handle.TaskId, StringComparison.Ordinal);
        Assert.Equal(McpTaskState.Completed, (await handle.GetStatusAsync()).State);
        Assert.Equal("task: later", await handle);
        await using McpConnection other = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri));
        McpTask<CallToolResult> attached = other.AttachTask("task-ok", handle.TaskId);
        CallToolResult result = await attached.GetResultAsync().WaitAsync(NoHang);
        Assert.Equal("task: later", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal(1, starter.GetStats().Tools["task-ok"].Submitted); // the handle's later requests are not counted again
    }

    [Fact]
    public async Task Attaching_to_an_id_the_server_does_not_know_fails_with_McpTaskException()
    {
        await using McpConnection connection = await OpenStdioAsync(new FakeTimeProvider());

        McpTaskException unknown = await Assert.ThrowsAsync<McpTaskException>(() => connection.AttachTask("task-ok", "no-such-task").GetStatusAsync().WaitAsync(NoHang));

        Assert.Equal("no-such-task", unknown.TaskId);
    }

    private static Task<McpConnection> OpenStdioAsync(TimeProvider time, [System.Runtime.CompilerServices.CallerMemberName] string test = "") =>
        McpConnection.OpenAsync(FaultServer.Endpoint(test), new McpConnectionOptions { TimeProvider = time });

    /// <summary>Advances virtual time a second at a time until <paramref name="call"/> ends (bounded, to prove it does).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Task call)
    {
        for (int step = 0; step < 300 && !call.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(call, Task.Delay(100));
        }
    }
}
