using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// MCP tasks against the real reference server, over stdio and Streamable HTTP: <c>simulate-research-query</c> declares
/// <c>execution.taskSupport: "required"</c> and runs four one-second stages.
/// </summary>
public sealed class ServerEverythingTaskTests
{
    private static readonly string[] Stages = ["Gathering sources...", "Analyzing content...", "Synthesizing findings...", "Generating report..."];

    public static TheoryData<string> Transports => new() { "stdio", "http" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_task_tool_called_through_a_typed_method_returns_its_report_with_every_stage_reported_in_order(string transport)
    {
        await using Peer peer = await Peer.OpenAsync(transport);
        IResearchTools tools = peer.Connection.CreateClient<IResearchTools>();
        var progress = new RecordingProgress();

        string report = await tools.ResearchAsync("tidal energy", progress: progress);

        Assert.Contains("# Research Report: tidal energy", report, StringComparison.Ordinal);
        Assert.Equal(Stages, progress.Messages.Where(message => Stages.Contains(message)).Distinct());
        Assert.Equal("Echo: plain", await tools.EchoAsync("plain")); // a forbidden-task tool of the same server stays a plain call
        McpToolStats stats = peer.Connection.GetStats().Tools["simulate-research-query"];
        Assert.Equal((1, 1, 0), (stats.Submitted, stats.Succeeded, stats.Failed)); // the whole task is one call
        Assert.Equal(0, stats.InFlight);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task An_ambiguous_query_routes_the_servers_elicitation_to_the_handler_and_the_answer_reaches_the_report(string transport)
    {
        int asked = 0;
        var options = new McpConnectionOptions
        {
            ElicitationHandler = (request, _) =>
            {
                Interlocked.Increment(ref asked);
                Assert.Contains("python", request!.Message, StringComparison.Ordinal);
                return ValueTask.FromResult(new ElicitResult
                {
                    Action = "accept",
                    Content = new Dictionary<string, JsonElement> { ["interpretation"] = JsonSerializer.SerializeToElement("snake") },
                });
            },
        };
        await using Peer peer = await Peer.OpenAsync(transport, options);
        IResearchTools tools = peer.Connection.CreateClient<IResearchTools>();
        var progress = new RecordingProgress();

        string report = await tools.ResearchAsync("python", ambiguous: true, progress: progress);

        Assert.Equal(1, asked);
        Assert.Contains("# Research Report: python (snake)", report, StringComparison.Ordinal);
        Assert.Contains(progress.Messages, message => message!.StartsWith("Found multiple interpretations", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Cancelling_mid_task_sends_tasks_cancel_and_the_server_reports_the_task_cancelled(string transport)
    {
        using ActivityListener spans = RecordingProgress.ListenToSpans();
        await using Peer peer = await Peer.OpenAsync(transport);
        IResearchTools tools = peer.Connection.CreateClient<IResearchTools>();
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress(report =>
        {
            if (report.Message == Stages[1])
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tools.ResearchAsync("deep sea", progress: progress, cancellationToken: cancel.Token));

        Assert.NotNull(progress.TaskId);
        McpTaskStatus status = await peer.Connection.AttachTask("simulate-research-query", progress.TaskId!).GetStatusAsync();
        Assert.Equal(McpTaskState.Cancelled, status.State);
        McpToolStats stats = peer.Connection.GetStats().Tools["simulate-research-query"];
        Assert.Equal((1, 1, 0), (stats.Submitted, stats.Cancelled, stats.InFlight));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_timeout_shorter_than_the_task_cancels_it_on_the_server_and_fails_as_a_timeout(string transport)
    {
        using ActivityListener spans = RecordingProgress.ListenToSpans();
        await using Peer peer = await Peer.OpenAsync(transport);
        IHurriedResearchTools tools = peer.Connection.CreateClient<IHurriedResearchTools>();
        var progress = new RecordingProgress();

        McpSdkTimeoutException timedOut = await Assert.ThrowsAsync<McpSdkTimeoutException>(() => tools.ResearchAsync("glaciers", progress));

        Assert.Equal("simulate-research-query", timedOut.ToolName);
        Assert.NotNull(progress.TaskId);
        McpTaskStatus status = await peer.Connection.AttachTask("simulate-research-query", progress.TaskId!).GetStatusAsync();
        Assert.Equal(McpTaskState.Cancelled, status.State);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_readme_interface_awaits_the_report_and_its_handle_is_queried_then_awaited_for_another(string transport)
    {
        await using Peer peer = await Peer.OpenAsync(transport);
        IReadmeResearchTools research = peer.Connection.CreateClient<IReadmeResearchTools>();
        var progress = new RecordingProgress();

        string report = await research.ResearchAsync("MCP tasks", progress);
        McpTask<string> later = await research.StartResearchAsync("source generators"); // returns once the task exists

        Assert.Contains("# Research Report: MCP tasks", report, StringComparison.Ordinal);
        Assert.Equal(Stages, progress.Messages.Where(message => Stages.Contains(message)).Distinct());
        Assert.False(string.IsNullOrEmpty(later.TaskId));
        Assert.Equal(McpTaskState.Working, (await later.GetStatusAsync()).State); // asked at once: the first of four one-second stages
        Assert.Contains("# Research Report: source generators", await later, StringComparison.Ordinal);
        Assert.Equal(McpTaskState.Completed, (await later.GetStatusAsync()).State);
        McpToolStats stats = peer.Connection.GetStats().Tools["simulate-research-query"];
        Assert.Equal((2, 2, 0), (stats.Submitted, stats.Succeeded, stats.InFlight)); // the handle's later requests are not counted again
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_handles_CancelAsync_ends_the_task_on_the_server_and_a_later_wait_fails_with_McpTaskException(string transport)
    {
        await using Peer peer = await Peer.OpenAsync(transport);
        IReadmeResearchTools research = peer.Connection.CreateClient<IReadmeResearchTools>();
        McpTask<string> started = await research.StartResearchAsync("deep sea");

        await started.CancelAsync();

        Assert.Equal(McpTaskState.Cancelled, (await started.GetStatusAsync()).State);
        McpTaskException ended = await Assert.ThrowsAsync<McpTaskException>(() => started.GetResultAsync());
        Assert.Equal((started.TaskId, McpTaskState.Cancelled), (ended.TaskId, ended.State));
    }

    [Fact]
    public async Task Another_HTTP_connection_attaching_to_a_server_everything_task_is_told_the_id_is_unknown()
    {
        // server-everything keeps tasks per session (the TypeScript SDK's in-memory store), so the id means nothing to
        // another session: the typed error docs/TASKS.md names. The fault server shows the attach that succeeds.
        await using Peer peer = await Peer.OpenAsync("http");
        McpTask<string> started = await peer.Connection.CreateClient<IReadmeResearchTools>().StartResearchAsync("coral reefs");
        await using McpConnection other = await McpConnection.OpenAsync(McpEndpoint.Http(peer.Server!.Uri));

        McpTaskException unknown = await Assert.ThrowsAsync<McpTaskException>(() => other.AttachTask("simulate-research-query", started.TaskId).GetStatusAsync());

        Assert.Equal(started.TaskId, unknown.TaskId);
        await started.CancelAsync();
    }

    /// <summary>A connection to server-everything over one transport, and the HTTP server process when there is one.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        public HttpServerEverything? Server { get; private set; }

        public McpConnection Connection { get; private set; } = null!;

        public static async Task<Peer> OpenAsync(string transport, McpConnectionOptions? options = null)
        {
            var peer = new Peer();
            McpEndpoint endpoint;
            if (transport == "http")
            {
                peer.Server = await HttpServerEverything.StartAsync();
                endpoint = McpEndpoint.Http(peer.Server.Uri);
            }
            else
            {
                endpoint = PeerServers.ServerEverythingStdio();
            }

            peer.Connection = await McpConnection.OpenAsync(endpoint, options ?? new McpConnectionOptions());
            return peer;
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
        }
    }
}
