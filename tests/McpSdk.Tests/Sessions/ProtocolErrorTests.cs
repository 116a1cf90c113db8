using System;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
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
}
