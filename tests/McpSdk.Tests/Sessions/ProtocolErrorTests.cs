using System;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Peers;
using McpSdk.Tests.Reliability;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol;
using Xunit;

namespace McpSdk.Tests.Sessions;

/// <summary>How a session tells a JSON-RPC error about one request from a session the server no longer knows.</summary>
public sealed class ProtocolErrorTests
{
    [Fact]
    public async Task Concurrent_unknown_tool_errors_fail_each_call_and_send_no_ping()
    {
        const int Calls = 8;
        var server = new TestToolServer();

        // Fake time: the pool's own health pings never fire, so every ping the server sees came from an error.
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint, new McpConnectionOptions { TimeProvider = new FakeTimeProvider() });
        ITestTools tools = connection.CreateClient<ITestTools>();

        McpProtocolException[] errors = await Task.WhenAll(
            Enumerable.Range(0, Calls).Select(_ => Assert.ThrowsAsync<McpProtocolException>(() => tools.MissingToolAsync())));

        Assert.Equal(Calls, errors.Length);
        Assert.All(errors, error => Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode));
        Assert.Equal(0, server.Pings);
        McpPoolStats pool = connection.GetStats().Pool;
        Assert.Equal(1, pool.Live);
        Assert.Equal(0, pool.Faulted);
        Assert.Equal("Echo: still here", await tools.EchoAsync("still here"));
    }

    [Theory]
    [InlineData(McpSessionEngine.Lean)]
    [InlineData(McpSessionEngine.Sdk)]
    public async Task A_JSON_RPC_error_keeps_its_type_and_code_and_its_message_names_the_tool_and_what_to_check(McpSessionEngine engine)
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(
            FaultServer.Endpoint(servers.Marker), new McpConnectionOptions { Engine = engine });
        IUnknownTools tools = connection.CreateClient<IUnknownTools>();

        McpProtocolException error = await Assert.ThrowsAsync<McpProtocolException>(() => tools.MissingAsync());

        // The fault server answers -32602 "Unknown tool 'no-such-tool'." (the spec's code for an unknown tool).
        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.StartsWith(
            "The server answered the call of tool 'no-such-tool' with JSON-RPC error -32602 (InvalidParams): Unknown tool 'no-such-tool'.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("mcpsdk check", error.Message, StringComparison.Ordinal);
        Assert.IsType<McpProtocolException>(error.InnerException);
        Assert.Equal("ok", await tools.OkAsync());
    }

    [Fact]
    public async Task A_JSON_RPC_error_refusing_a_task_handles_creation_names_the_tool_as_a_plain_calls_does()
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(FaultServer.Endpoint(servers.Marker));
        IUnknownTools tools = connection.CreateClient<IUnknownTools>();

        McpProtocolException error = await Assert.ThrowsAsync<McpProtocolException>(() => tools.StartRefusedAsync());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.StartsWith(
            "The server answered the call of tool 'task-refused' with JSON-RPC error -32602 (InvalidParams): Invalid arguments: the fault server refuses",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal("ok", await tools.OkAsync());
    }
}

[McpClient]
public interface IUnknownTools
{
    [McpTool("task-refused")]
    Task<McpTask<string>> StartRefusedAsync(CancellationToken cancellationToken = default);

    [McpTool("no-such-tool")]
    Task<string> MissingAsync(CancellationToken cancellationToken = default);

    [McpTool("ok")]
    Task<string> OkAsync(CancellationToken cancellationToken = default);
}
