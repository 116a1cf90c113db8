using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using McpSdk.Tests.Reliability;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Engine;

/// <summary>The lean session engine (src/McpSdk/Engine) over stdio, against the fault server and server-everything.</summary>
public sealed class LeanEngineTests(ITestOutputHelper output)
{
    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task A_message_over_MaxMessageSize_closes_its_session_with_a_typed_error_and_the_pool_heals()
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(
            FaultServer.Endpoint(servers.Marker), new McpConnectionOptions { Engine = McpSessionEngine.Lean, MaxMessageSize = 256 * 1024 });
        ILeanEngineTools tools = connection.CreateClient<ILeanEngineTools>();

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.BigResultAsync(mib: 1, Deadline()));

        McpMessageTooLargeException tooLarge = Assert.IsType<McpMessageTooLargeException>(lost.InnerException);
        Assert.Equal(256 * 1024, tooLarge.Limit);
        Assert.Equal("big-result", lost.ToolName);
        Assert.Contains("MaxMessageSize (262,144 bytes)", lost.Message, StringComparison.Ordinal);
        Assert.Equal("ok", await tools.OkAsync(Deadline()));
    }

    [Fact]
    public async Task Server_requests_reach_the_connections_handlers_on_the_lean_engine()
    {
        int elicited = 0, sampled = 0, rooted = 0;
#pragma warning disable MCP9005 // Sampling and roots: deprecated by 2026-07-28, spoken by server-everything.
        var options = new McpConnectionOptions
        {
            Engine = McpSessionEngine.Lean,
            ElicitationHandler = (request, _) =>
            {
                Interlocked.Increment(ref elicited);
                Assert.NotNull(request?.RequestedSchema);
                return ValueTask.FromResult(new ElicitResult { Action = "decline" });
            },
            SamplingHandler = (request, _, _) =>
            {
                Interlocked.Increment(ref sampled);
                return ValueTask.FromResult(new CreateMessageResult
                {
                    Model = "test-model",
                    Role = Role.Assistant,
                    Content = [new TextContentBlock { Text = "sampled by the test" }],
                });
            },
            RootsHandler = (_, _) =>
            {
                Interlocked.Increment(ref rooted);
                return ValueTask.FromResult(new ListRootsResult { Roots = [new Root { Uri = "file:///work/lean-root", Name = "lean-root" }] });
            },
        };
#pragma warning restore MCP9005
        await using McpConnection connection = await McpConnection.OpenAsync(PeerServers.ServerEverythingStdio(), options);
        ILeanEngineEverything tools = connection.CreateClient<ILeanEngineEverything>();

        string elicitation = Text(await tools.TriggerElicitationAsync(Deadline()));
        string sampling = Text(await tools.TriggerSamplingAsync("say hi", maxTokens: 10, Deadline()));
        string roots = Text(await tools.GetRootsListAsync(Deadline()));

        output.WriteLine(elicitation + "\n" + sampling + "\n" + roots);
        Assert.Equal(1, elicited);
        Assert.Contains("decline", elicitation, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, sampled);
        Assert.Contains("sampled by the test", sampling, StringComparison.Ordinal);
        Assert.True(rooted >= 1);
        Assert.Contains("lean-root", roots, StringComparison.Ordinal);
        Assert.Equal("2025-11-25", connection.GetStats().Pool.Sessions.Single().ProtocolVersion);
    }

    [Fact]
    public async Task The_lean_engine_where_it_does_not_go_fails_naming_the_endpoint_and_what_to_do()
    {
        var endpoint = McpEndpoint.InProcess(() => new McpServerOptions(), "test in-process server");

        McpConnectionFailedException failure = await Assert.ThrowsAsync<McpConnectionFailedException>(
            () => McpConnection.OpenAsync(endpoint, new McpConnectionOptions { Engine = McpSessionEngine.Lean }, Deadline()));

        Assert.Equal("test in-process server", failure.EndpointName);
        Assert.Contains("Engine is Lean", failure.Message, StringComparison.Ordinal);
        Assert.Contains("McpSessionEngine.Auto or Sdk", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_protocol_version_is_sent_and_kept_on_the_lean_engine()
    {
        await using McpConnection connection = await McpConnection.OpenAsync(
            PeerServers.ServerEverythingStdio(), new McpConnectionOptions { Engine = McpSessionEngine.Lean, ProtocolVersion = "2025-06-18" });
        ILeanEngineEverything tools = connection.CreateClient<ILeanEngineEverything>();

        Assert.Equal("Echo: pinned", await tools.EchoAsync("pinned", Deadline()));
        Assert.Equal("2025-06-18", connection.GetStats().Pool.Sessions.Single().ProtocolVersion);
    }

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}

/// <summary>The fault server's tools the engine tests use.</summary>
[McpClient]
public interface ILeanEngineTools
{
    [McpTool("ok")]
    Task<string> OkAsync(CancellationToken cancellationToken = default);

    [McpTool("big-result")]
    Task<string> BigResultAsync(int mib, CancellationToken cancellationToken = default);
}

/// <summary>server-everything's tools that make the server ask the client something.</summary>
[McpClient]
public interface ILeanEngineEverything
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("trigger-elicitation-request")]
    Task<CallToolResult> TriggerElicitationAsync(CancellationToken cancellationToken = default);

    [McpTool("trigger-sampling-request")]
    Task<CallToolResult> TriggerSamplingAsync(string prompt, int maxTokens, CancellationToken cancellationToken = default);

    [McpTool("get-roots-list")]
    Task<CallToolResult> GetRootsListAsync(CancellationToken cancellationToken = default);
}
