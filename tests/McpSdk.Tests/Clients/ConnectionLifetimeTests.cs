using System;
using System.Threading.Tasks;
using McpSdk.Tests.Servers;
using Xunit;

namespace McpSdk.Tests.Clients;

/// <summary>What happens to calls around <see cref="McpConnection.DisposeAsync"/>.</summary>
public sealed class ConnectionLifetimeTests
{
    [Fact]
    public async Task A_call_after_disposal_raises_ObjectDisposedException_naming_the_tool()
    {
        var server = new TestToolServer();
        McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        ITestTools tools = connection.CreateClient<ITestTools>();

        await connection.DisposeAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => tools.EchoAsync("late"));
        Assert.Contains("'echo'", error.Message);
    }

    [Fact]
    public async Task A_call_in_flight_when_the_connection_is_disposed_fails_with_McpSessionLostException()
    {
        var server = new TestToolServer();
        McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        ITestTools tools = connection.CreateClient<ITestTools>();
        Task<string> call = tools.HangAsync(default);
        await server.HangStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await connection.DisposeAsync();

        var error = await Assert.ThrowsAsync<McpSessionLostException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("hang", error.ToolName);
        Assert.Contains("disposed", error.Message);
    }

    [Fact]
    public async Task CreateClient_after_disposal_raises_ObjectDisposedException()
    {
        McpConnection connection = await McpConnection.OpenAsync(new TestToolServer().Endpoint);
        await connection.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => connection.CreateClient<ITestTools>());
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        McpConnection connection = await McpConnection.OpenAsync(new TestToolServer().Endpoint);

        await connection.DisposeAsync();
        await connection.DisposeAsync();
    }
}
