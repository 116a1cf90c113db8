using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using McpSdk.Tests.Scheduling;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace McpSdk.Tests.DependencyInjection;

/// <summary>Connections read from configuration: endpoint, options and per-tool policy overrides.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task Options_and_a_per_tool_override_come_from_configuration_and_the_override_is_enforced()
    {
        var server = new TestToolServer();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:ISlowTools:MaxSessions"] = "2",
            ["Mcp:Servers:ISlowTools:QueueLimit"] = "500",
            ["Mcp:Servers:ISlowTools:SessionIdleTimeout"] = "00:02:00",
            ["Mcp:Servers:ISlowTools:Tools:slow:MaxConcurrency"] = "2",       // the interface declares 4
            ["Mcp:Servers:ISlowTools:Tools:slow:Priority"] = "High",
        });
        builder.Services.AddMcpClient<ISlowTools>(mcp => mcp.UseEndpoint(server.Endpoint).UseConfiguration());
        using IHost host = builder.Build();
        ISlowTools tools = host.Services.GetRequiredService<ISlowTools>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => tools.SlowAsync(5)));

        McpConnection connection = host.Services.GetRequiredService<McpConnections>().Get("ISlowTools");
        Assert.Equal(2, connection.Options.MaxSessions);
        Assert.Equal(500, connection.Options.QueueLimit);
        Assert.Equal(TimeSpan.FromMinutes(2), connection.Options.SessionIdleTimeout);
        Assert.Equal(2, server.MaxConcurrentSlowCalls);
    }

    [Fact]
    public async Task A_stdio_endpoint_from_configuration_reaches_the_real_server_everything()
    {
        string script = Path.Combine(PeerServers.RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        PeerServers.ServerEverythingStdio();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:everything:Stdio:Command"] = "node",
            ["Mcp:Servers:everything:Stdio:Arguments:0"] = script,
            ["Mcp:Servers:everything:Stdio:Arguments:1"] = "stdio",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IServerEverything>(mcp => mcp.WithConnectionName("everything").UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("Echo: configured", await provider.GetRequiredService<IServerEverything>().EchoAsync("configured"));
    }

    [Fact]
    public async Task An_invalid_value_fails_with_its_configuration_path()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:ISlowTools:Http"] = "http://127.0.0.1:1/mcp",
            ["Mcp:Servers:ISlowTools:Tools:slow:MaxConcurrency"] = "zero",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<ISlowTools>(mcp => mcp.UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISlowTools>());

        Assert.Contains("Mcp:Servers:ISlowTools:Tools:slow:MaxConcurrency", error.Message);
    }
}
