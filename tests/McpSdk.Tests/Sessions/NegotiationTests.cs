using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Authorization;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Diagnostics;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpSdk.Tests.Sessions;

/// <summary>
/// Protocol-version negotiation with the version left open: each path ends in a working session, and the version it
/// settled on is in the connection's statistics and its log.
/// </summary>
public sealed class NegotiationTests
{
    [Fact]
    public async Task A_server_that_answers_the_discover_probe_is_used_as_the_SDK_negotiated()
    {
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, new McpConnectionOptions { LoggerFactory = loggerFactory });

        Assert.Equal("3", await connection.CreateClient<ITestTools>().AddAsync(1, 2));
        string? version = Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion;
        Assert.NotNull(version);
        Assert.DoesNotContain(sink.Entries, entry => entry.Event.Id == 20); // no second attempt
        Assert.Contains(sink.Entries, entry => entry.Event.Id == 21 && entry.Message.Contains(version, System.StringComparison.Ordinal));
    }

    // The SDK engine probes server/discover first; the lean engine (the HTTP default) goes straight to initialize.
    [Fact]
    public async Task A_discover_answer_that_is_not_a_discover_result_falls_back_to_the_initialize_handshake()
    {
        await using var server = ProtectedMcpServer.Start(requireToken: false, garbageDiscover: true);
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Http(server.McpUri), new McpConnectionOptions { Engine = McpSessionEngine.Sdk });

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal("2025-11-25", Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
        Assert.Equal(1, server.DiscoverRequests);
        Assert.Equal(1, server.InitializeRequests);
    }

    [Fact]
    public async Task A_server_without_discover_that_answers_an_older_version_is_accepted_in_one_handshake()
    {
        await using var server = ProtectedMcpServer.Start(requireToken: false, forcedProtocolVersion: "2025-06-18");
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.McpUri));

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal("2025-06-18", Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
        Assert.Equal(1, server.InitializeRequests);
    }

    [Fact]
    public async Task A_server_on_an_older_version_is_reconnected_pinned_to_it_and_later_sessions_go_straight_there()
    {
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));

        // Like the conformance suite's sse-retry server: the probe's answer cannot be read, so the initialize handshake
        // is pinned to the SDK's newest version, which the server answers with an older one.
        await using var server = ProtectedMcpServer.Start(requireToken: false, garbageDiscover: true, forcedProtocolVersion: "2025-03-26");
        McpEndpoint endpoint = McpEndpoint.Http(server.McpUri);
        await using McpConnection connection = await McpConnection.OpenAsync(
            endpoint, new McpConnectionOptions { LoggerFactory = loggerFactory, Engine = McpSessionEngine.Sdk });

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal("2025-03-26", Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
        Assert.Equal(1, server.DiscoverRequests);
        Assert.Equal(2, server.InitializeRequests); // the SDK's newest, refused; then the server's version
        Assert.Contains(sink.Entries, entry => entry.Event.Id == 20 && entry.Message.Contains("2025-03-26", System.StringComparison.Ordinal));

        // The endpoint remembers what worked: the next session to it connects in one attempt.
        await using McpConnection second = await McpConnection.OpenAsync(endpoint, new McpConnectionOptions { Engine = McpSessionEngine.Sdk });
        Assert.Equal("2025-03-26", second.GetStats().Pool.Sessions.Single().ProtocolVersion);
        Assert.Equal(3, server.InitializeRequests);
    }

    [Fact]
    public async Task The_lean_engine_accepts_an_older_version_a_server_answers_over_HTTP_in_one_handshake_without_a_discover_probe()
    {
        await using var server = ProtectedMcpServer.Start(requireToken: false, garbageDiscover: true, forcedProtocolVersion: "2025-03-26");
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.McpUri));

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal("2025-03-26", Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
        Assert.Equal(0, server.DiscoverRequests);
        Assert.Equal(1, server.InitializeRequests);
    }
}
