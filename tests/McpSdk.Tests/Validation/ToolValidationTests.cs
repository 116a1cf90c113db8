using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Diagnostics;
using McpSdk.Tests.Peers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpSdk.Tests.Validation;

/// <summary><see cref="McpConnectionOptions.ValidateToolsOnConnect"/> against an in-process server and the real server-everything.</summary>
public sealed class ToolValidationTests
{
    [Fact]
    public async Task A_matching_interface_passes_and_its_calls_succeed()
    {
        var server = new DriftServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, Throwing());

        IMatchingDriftTools tools = connection.CreateClient<IMatchingDriftTools>();

        Assert.Equal("echo ok", await tools.EchoAsync("hi"));
        Assert.Equal("search ok", await tools.SearchAsync("q", limit: 3));
        Assert.Equal(1, server.ListCalls);
    }

    [Fact]
    public async Task A_drifted_interface_fails_CreateClient_listing_every_drift_by_tool_and_argument()
    {
        var server = new DriftServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, Throwing());

        var error = Assert.Throws<McpToolDriftException>(() => connection.CreateClient<IDriftedTools>());

        Assert.Equal(
            [
                (McpToolDriftKind.UnknownArgument, "echo", "text"),
                (McpToolDriftKind.MissingArgument, "echo", "message"),
                (McpToolDriftKind.RetypedArgument, "add", "a"),
                (McpToolDriftKind.MissingTool, "removed", null),
            ],
            error.Drifts.Select(d => (d.Kind, d.ToolName, d.ArgumentName)).ToArray());
        Assert.Equal("echo", error.ToolName);
        Assert.Contains("unknown argument: IDriftedTools.EchoAsync sends 'text', which tool 'echo' does not declare (it takes 'message')", error.Message);
        Assert.Contains("retyped argument: IDriftedTools.AddAsync sends 'a' as string (String), but tool 'add' declares it as number", error.Message);
        Assert.Contains("missing tool: IDriftedTools.RemovedAsync calls 'removed'", error.Message);
        Assert.Contains("mcpsdk scaffold", error.Message);
    }

    [Fact]
    public async Task An_interface_created_before_the_connection_opens_is_checked_when_it_opens()
    {
        var server = new DriftServer();
        await using McpConnection connection = McpConnection.Create(server.Endpoint, Throwing());
        connection.CreateClient<IDriftedTools>();

        var error = await Assert.ThrowsAsync<McpToolDriftException>(() => connection.ConnectAsync());

        Assert.Equal(4, error.Drifts.Count);
        Assert.Equal(0, connection.GetStats().Pool.Live);
    }

    [Fact]
    public async Task The_first_call_of_a_lazily_opened_connection_fails_with_the_drift()
    {
        var server = new DriftServer();
        await using McpConnection connection = McpConnection.Create(server.Endpoint, Throwing());
        IDriftedTools tools = connection.CreateClient<IDriftedTools>();

        var first = await Assert.ThrowsAsync<McpToolDriftException>(() => tools.AddAsync("1", 2));
        var second = await Assert.ThrowsAsync<McpToolDriftException>(() => tools.EchoAsync("again"));

        Assert.Equal(4, first.Drifts.Count);
        Assert.Equal(4, second.Drifts.Count);
        Assert.Equal(1, server.ListCalls); // a failed connection does not list again
    }

    [Fact]
    public async Task Warn_logs_every_drift_as_a_warning_and_lets_the_calls_go_ahead()
    {
        var server = new DriftServer();
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink));
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint, new McpConnectionOptions { ValidateToolsOnConnect = McpToolValidation.Warn, LoggerFactory = loggerFactory });

        IDriftedTools tools = connection.CreateClient<IDriftedTools>();

        Assert.Equal("add ok", await tools.AddAsync("1", 2));
        string[] warnings = sink.Entries.Where(e => e.Level == LogLevel.Warning && e.Category == "McpSdk.ToolValidation").Select(e => e.Message).ToArray();
        Assert.Equal(4, warnings.Length);
        Assert.Contains(warnings, w => w.Contains("tool 'add'", StringComparison.Ordinal) && w.Contains("retyped argument", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_validation_the_server_tools_are_not_listed()
    {
        var server = new DriftServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);

        IDriftedTools tools = connection.CreateClient<IDriftedTools>();

        Assert.Equal("add ok", await tools.AddAsync("1", 2));
        Assert.Equal(0, server.ListCalls);
    }

    [Theory]
    [InlineData("Throw", McpToolValidation.Throw)]
    [InlineData("warn", McpToolValidation.Warn)]
    [InlineData("true", McpToolValidation.Throw)]
    [InlineData("false", McpToolValidation.None)]
    public async Task The_mode_is_read_from_configuration(string value, McpToolValidation expected)
    {
        var server = new DriftServer();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:drift:ValidateToolsOnConnect"] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IMatchingDriftTools>(mcp => mcp.WithConnectionName("drift").UseEndpoint(server.Endpoint).UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("echo ok", await provider.GetRequiredService<IMatchingDriftTools>().EchoAsync("hi"));
        Assert.Equal(expected, provider.GetRequiredService<McpConnections>().Get("drift").Options.ValidateToolsOnConnect);
        Assert.Equal(expected == McpToolValidation.None ? 0 : 1, server.ListCalls);
    }

    [Fact]
    public async Task An_invalid_mode_in_configuration_fails_with_its_path()
    {
        var server = new DriftServer();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:drift:ValidateToolsOnConnect"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IMatchingDriftTools>(mcp => mcp.WithConnectionName("drift").UseEndpoint(server.Endpoint).UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IMatchingDriftTools>());

        Assert.Contains("Mcp:Servers:drift:ValidateToolsOnConnect", error.Message);
    }

    [Fact]
    public async Task Server_everything_passes_a_matching_interface()
    {
        await using McpConnection connection = await McpConnection.OpenAsync(PeerServers.ServerEverythingStdio(), Throwing());

        IMatchingEverythingTools tools = connection.CreateClient<IMatchingEverythingTools>();

        Assert.Equal("The sum of 1 and 2 is 3.", await tools.GetSumAsync(1, 2));
    }

    [Fact]
    public async Task Server_everything_fails_an_interface_that_sends_a_number_as_text()
    {
        await using McpConnection connection = await McpConnection.OpenAsync(PeerServers.ServerEverythingStdio(), Throwing());

        var error = Assert.Throws<McpToolDriftException>(() => connection.CreateClient<IServerEverything>());

        McpToolDrift drift = Assert.Single(error.Drifts);
        Assert.Equal((McpToolDriftKind.RetypedArgument, "get-sum", "IServerEverything.GetSumOfTextAsync", "a"), (drift.Kind, drift.ToolName, drift.MemberName, drift.ArgumentName));
    }

    private static McpConnectionOptions Throwing() => new() { ValidateToolsOnConnect = McpToolValidation.Throw };
}

/// <summary>Tools of server-everything, declared as it lists them.</summary>
[McpClient]
public interface IMatchingEverythingTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, System.Threading.CancellationToken cancellationToken = default);

    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, double b, System.Threading.CancellationToken cancellationToken = default);

    [McpTool("trigger-long-running-operation")]
    Task<ModelContextProtocol.Protocol.CallToolResult> RunLongAsync(
        double duration, double steps, IProgress<McpProgress>? progress = null, System.Threading.CancellationToken cancellationToken = default);
}
