using System.Text.Json;
using System.Threading.Tasks;
using McpSdk.Tests.Clients.Deep.Nested;
using McpSdk.Tests.Servers;
using Xunit;

namespace McpSdk.Tests.Clients;

/// <summary>Generated proxies for interfaces in every place and shape, called for real.</summary>
public sealed class ShapeTests : IAsyncLifetime
{
    private readonly TestToolServer _server = new();
    private McpConnection _connection = null!;

    public async Task InitializeAsync() => _connection = await McpConnection.OpenAsync(_server.Endpoint);

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task An_interface_in_the_global_namespace_works()
    {
        Assert.Equal("Echo: global", await _connection.CreateClient<IGlobalShapeTools>().EchoAsync("global"));
    }

    [Fact]
    public async Task A_nested_internal_partial_interface_works_with_its_base_interface_and_keyword_parameters()
    {
        Holder.INestedShapeTools tools = _connection.CreateClient<Holder.INestedShapeTools>();

        Assert.Equal("5", await tools.AddAsync(2, 3));
        string sent = await tools.KeywordsAsync("first", 2);
        await tools.PlainAsync("task");
        await tools.PlainValueAsync("value task");

        using JsonDocument json = JsonDocument.Parse(sent);
        Assert.Equal("first", json.RootElement.GetProperty("class").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("event").GetInt32());
        Assert.Contains(_server.Calls, call => call.Tool == "echo" && call.Arguments.Contains("value task", System.StringComparison.Ordinal));
    }
}
