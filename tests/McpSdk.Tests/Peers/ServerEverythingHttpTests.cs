using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Pool;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Peers;

/// <summary>Generated proxies against the real reference server over Streamable HTTP on a loopback port.</summary>
public sealed class ServerEverythingHttpTests
{
    [Fact]
    public async Task Typed_calls_work_over_Streamable_HTTP()
    {
        await using HttpServerEverything server = await HttpServerEverything.StartAsync();
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri));
        IServerEverything tools = connection.CreateClient<IServerEverything>();

        Assert.Equal("Echo: over http", await tools.EchoAsync("over http"));
        Assert.Equal("The sum of 2 and 3 is 5.", await tools.GetSumAsync(2, 3));
        Assert.Equal(new Weather(73, "Sunny / Clear", 48), await tools.GetWeatherAsync("Los Angeles"));
        await Assert.ThrowsAsync<McpToolException>(() => tools.GetSumOfTextAsync("x", 1));
        Assert.NotNull(Assert.Single(connection.GetStats().Pool.Sessions).SessionId);
    }

    [Fact]
    public async Task A_pool_of_HTTP_sessions_spreads_a_burst()
    {
        await using HttpServerEverything server = await HttpServerEverything.StartAsync();
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Http(server.Uri), new McpConnectionOptions { MinSessions = 1, MaxSessions = 3, MaxCallsPerSession = 10 });
        IPoolTools tools = connection.CreateClient<IPoolTools>();

        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => tools.SlowAsync(duration: 0.2, steps: 1)));

        McpPoolStats pool = connection.GetStats().Pool;
        Assert.Equal(3, pool.Live);
        Assert.Equal(3, pool.Sessions.Select(session => session.SessionId).Distinct().Count());
        Assert.Equal(60, pool.Sessions.Sum(session => session.Calls));
    }

    [Fact]
    public async Task An_expired_HTTP_session_is_replaced_and_the_next_call_succeeds()
    {
        await using HttpServerEverything server = await HttpServerEverything.StartAsync();
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri));
        IHttpTools tools = connection.CreateClient<IHttpTools>();
        Assert.Equal("Echo: before", await tools.EchoAsync("before"));
        string? before = connection.GetStats().Pool.Sessions.Single().SessionId;

        await server.RestartAsync(); // the new server knows no session: it answers 404 to the old id

        Assert.Equal("Echo: after", await tools.EchoWithRetryAsync("after"));
        Assert.Equal("Echo: again", await tools.EchoAsync("again"));
        McpPoolStats pool = connection.GetStats().Pool;
        Assert.True(pool.Faulted >= 1);
        Assert.NotEqual(before, pool.Sessions.Single().SessionId);
    }

    [Fact]
    public async Task The_elicitation_handler_answers_the_servers_question_through_a_proxy_call()
    {
        int asked = 0;
        await using HttpServerEverything server = await HttpServerEverything.StartAsync();
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri), new McpConnectionOptions
        {
            ElicitationHandler = (request, _) =>
            {
                Interlocked.Increment(ref asked);
                Assert.NotNull(request?.RequestedSchema);
                return ValueTask.FromResult(new ElicitResult { Action = "decline" });
            },
        });
        IHttpTools tools = connection.CreateClient<IHttpTools>();

        CallToolResult result = await tools.TriggerElicitationAsync();

        Assert.Equal(1, asked);
        Assert.NotEqual(true, result.IsError);
        Assert.Contains("decline", string.Join("\n", result.Content.OfType<TextContentBlock>().Select(block => block.Text)), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>server-everything tools for the HTTP tests.</summary>
[McpClient]
public interface IHttpTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("echo"), Retry(3, BaseDelayMilliseconds = 50)]
    Task<string> EchoWithRetryAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("trigger-elicitation-request")]
    Task<CallToolResult> TriggerElicitationAsync(CancellationToken cancellationToken = default);
}
