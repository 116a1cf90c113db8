using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using McpSdk.Tests.Scheduling;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace McpSdk.Tests.Fleet;

/// <summary>
/// Fleet limits within one process: configuration, a fleet scope without a fleet, and both failure modes against a
/// Redis that is not there (a loopback port nobody listens on), so no redis-server is needed.
/// </summary>
public sealed class FleetConfigurationTests
{
    [Fact]
    public async Task The_fleet_and_the_tools_scopes_come_from_configuration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:ISlowTools:Http"] = "http://127.0.0.1:1/mcp",
            ["Mcp:Servers:ISlowTools:Fleet:Redis"] = "127.0.0.1:6390",
            ["Mcp:Servers:ISlowTools:Fleet:KeyPrefix"] = "billing",
            ["Mcp:Servers:ISlowTools:Fleet:SlotLease"] = "00:00:10",
            ["Mcp:Servers:ISlowTools:Fleet:FailureMode"] = "FailClosed",
            ["Mcp:Servers:ISlowTools:Fleet:ExpectedReplicas"] = "4",
            ["Mcp:Servers:ISlowTools:Fleet:OperationTimeout"] = "00:00:00.250",
            ["Mcp:Servers:ISlowTools:Tools:slow:MaxConcurrencyScope"] = "Fleet",
            ["Mcp:Servers:ISlowTools:Tools:slow:RateLimitPermits"] = "50",
            ["Mcp:Servers:ISlowTools:Tools:slow:RateLimitScope"] = "fleet",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<ISlowTools>(mcp => mcp.UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        McpConnectionOptions options = provider.GetRequiredService<McpConnections>().Get("ISlowTools").Options;

        McpFleetOptions fleet = Assert.IsType<McpFleetOptions>(options.Fleet);
        Assert.Equal(("127.0.0.1:6390", "billing", TimeSpan.FromSeconds(10), McpFleetFailureMode.FailClosed, 4),
            (fleet.Redis, fleet.KeyPrefix, fleet.SlotLease, fleet.FailureMode, fleet.ExpectedReplicas));
        Assert.Equal(TimeSpan.FromMilliseconds(250), fleet.OperationTimeout);
        Assert.Equal(McpLimitScope.Fleet, options.ToolPolicies["slow"].MaxConcurrencyScope);
        Assert.Equal(McpLimitScope.Fleet, options.ToolPolicies["slow"].RateLimitScope);
    }

    [Fact]
    public async Task An_invalid_fleet_failure_mode_fails_with_its_configuration_path()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:ISlowTools:Http"] = "http://127.0.0.1:1/mcp",
            ["Mcp:Servers:ISlowTools:Fleet:Redis"] = "127.0.0.1:6390",
            ["Mcp:Servers:ISlowTools:Fleet:FailureMode"] = "Sometimes",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<ISlowTools>(mcp => mcp.UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISlowTools>());

        Assert.Contains("Mcp:Servers:ISlowTools:Fleet:FailureMode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_scoped_tool_on_a_connection_without_a_fleet_fails_when_bound_naming_the_tool_and_the_fix()
    {
        var options = new McpConnectionOptions();
        options.ToolPolicies["slow"] = new McpToolPolicy { MaxConcurrencyScope = McpLimitScope.Fleet };
        await using McpConnection connection = await McpConnection.OpenAsync(new TestToolServer().Endpoint, options);

        var error = Assert.Throws<InvalidOperationException>(() => connection.CreateClient<ISlowTools>());

        Assert.Contains("Tool 'slow'", error.Message, StringComparison.Ordinal);
        Assert.Contains("McpConnectionOptions.Fleet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailClosed_refuses_every_call_typed_and_naming_the_fleet_when_Redis_cannot_be_reached_and_holds_no_slot()
    {
        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, FleetOn(UnusedPort(), McpFleetFailureMode.FailClosed));
        ISlowTools tools = connection.CreateClient<ISlowTools>();

        McpRateLimitedException[] refusals = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Assert.ThrowsAsync<McpRateLimitedException>(() => tools.SlowAsync(1))));

        Assert.All(refusals, refusal => Assert.Equal("unreachable-fleet", refusal.Fleet));
        Assert.All(refusals, refusal => Assert.Contains("fleet 'unreachable-fleet'", refusal.Message, StringComparison.Ordinal));
        McpToolStats stats = connection.GetStats().Tools["slow"];
        Assert.Equal((8, 8, 8, 8, 0), (stats.Submitted, stats.Failed, stats.Rejected, stats.FleetFallbacks, stats.InFlight));
        Assert.Equal(0, server.MaxConcurrentSlowCalls);

        // The local slots were given back: a tool without fleet limits still runs.
        Assert.Equal("Echo: after", await tools.EchoAsync("after"));
    }

    [Fact]
    public async Task FailOpen_completes_every_call_under_the_local_share_when_Redis_cannot_be_reached()
    {
        var server = new TestToolServer();
        McpConnectionOptions options = FleetOn(UnusedPort(), McpFleetFailureMode.FailOpen);
        options.Fleet!.ExpectedReplicas = 2; // share of [MaxConcurrency(4)]: 2
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, options);
        ISlowTools tools = connection.CreateClient<ISlowTools>();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => tools.SlowAsync(5)));

        McpToolStats stats = connection.GetStats().Tools["slow"];
        Assert.Equal((16, 16, 16), (stats.Submitted, stats.Succeeded, stats.FleetFallbacks));
        Assert.InRange(server.MaxConcurrentSlowCalls, 1, 2);
    }

    private static McpConnectionOptions FleetOn(int port, McpFleetFailureMode mode)
    {
        var options = new McpConnectionOptions
        {
            Fleet = new McpFleetOptions { Redis = $"127.0.0.1:{port}", KeyPrefix = "unreachable-fleet", FailureMode = mode },
        };
        options.ToolPolicies["slow"] = new McpToolPolicy { MaxConcurrencyScope = McpLimitScope.Fleet };
        return options;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
