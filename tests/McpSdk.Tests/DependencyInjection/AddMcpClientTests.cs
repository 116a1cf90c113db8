using System;
using System.IO;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Peers;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace McpSdk.Tests.DependencyInjection;

/// <summary>Typed clients from a Generic Host's container.</summary>
public sealed class AddMcpClientTests
{
    [Fact]
    public async Task An_injected_client_calls_the_in_process_server()
    {
        var server = new TestToolServer();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddMcpClient<ITestTools>(mcp => mcp.UseEndpoint(server.Endpoint).WithSessions(min: 1, max: 2));
        using IHost host = builder.Build();

        ITestTools tools = host.Services.GetRequiredService<ITestTools>();

        Assert.Equal("Echo: injected", await tools.EchoAsync("injected"));
        Assert.Same(tools, host.Services.GetRequiredService<ITestTools>());
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task An_injected_client_calls_the_real_server_everything_over_stdio_and_the_host_ends_the_process()
    {
        var servers = new ServerProcesses();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddMcpClient<IServerEverything>(mcp => mcp.UseEndpoint(servers.Endpoint()));
        IHost host = builder.Build();

        IServerEverything tools = host.Services.GetRequiredService<IServerEverything>();
        Assert.Equal("The sum of 4 and 5 is 9.", await tools.GetSumAsync(4, 5));
        Assert.Single(servers.Pids());

        await ((IAsyncDisposable)host).DisposeAsync();

        for (int i = 0; i < 300 && servers.Pids().Count > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Empty(servers.Pids());
    }

    [Fact]
    public async Task Clients_naming_the_same_connection_share_it_and_options_come_from_the_builder()
    {
        var server = new TestToolServer();
        var services = new ServiceCollection();
        services.AddMcpClient<ITestTools>(mcp => mcp.WithConnectionName("shared").UseEndpoint(server.Endpoint).ConfigureOptions(o => o.MaxConcurrency = 3));
        services.AddMcpClient<Scheduling.ISlowTools>(mcp => mcp.WithConnectionName("shared").UseEndpoint(server.Endpoint).ConfigureOptions(o => o.MaxConcurrency = 3));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ITestTools>().EchoAsync("one");
        await provider.GetRequiredService<Scheduling.ISlowTools>().EchoAsync("two");

        McpConnection connection = provider.GetRequiredService<McpConnections>().Get("shared");
        Assert.Equal(3, connection.Options.MaxConcurrency);
        Assert.Equal(2, connection.GetStats().Tools["echo"].Succeeded);
        Assert.Equal(1, server.Sessions);
    }

    [Fact]
    public async Task A_client_without_an_endpoint_fails_with_a_message_that_says_how_to_add_one()
    {
        var services = new ServiceCollection();
        services.AddMcpClient<ITestTools>(_ => { });
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ITestTools>());

        Assert.Contains("UseStdio, UseHttp or UseEndpoint", error.Message);
    }
}

/// <summary>Opening at host start.</summary>
public sealed class ConnectOnStartTests
{
    [Fact]
    public async Task ConnectOnStart_opens_the_sessions_when_the_host_starts()
    {
        var server = new TestToolServer();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddMcpClient<ITestTools>(mcp => mcp.UseEndpoint(server.Endpoint).ConnectOnStart());
        using IHost host = builder.Build();
        Assert.Equal(0, server.Sessions);

        await host.StartAsync();

        Assert.Equal(1, server.Sessions);
        Assert.Equal(1, host.Services.GetRequiredService<McpConnections>().Get("ITestTools").GetStats().Pool.Live);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_server_that_cannot_start_fails_the_host_start()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddMcpClient<ITestTools>(mcp => mcp.UseStdio("/nonexistent/mcp-server-for-a-test").ConnectOnStart());
        using IHost host = builder.Build();

        await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
    }
}
