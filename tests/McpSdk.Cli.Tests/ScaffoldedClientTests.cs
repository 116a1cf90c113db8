using System.Linq;
using System.Threading.Tasks;
using McpSdk.Cli.Tests.Scaffolded;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// The interface scaffolded from server-everything (Scaffolded/IEverythingTools.cs, kept equal to its baseline), turned
/// into a proxy by the generator at build time and called against the real server.
/// </summary>
public sealed class ScaffoldedClientTests : IAsyncLifetime
{
    private McpConnection _connection = null!;
    private IEverythingTools _tools = null!;

    public async Task InitializeAsync()
    {
        string[] commandLine = PeerServers.Everything();
        _connection = await McpConnection.OpenAsync(McpEndpoint.Stdio(commandLine[0], commandLine[1..]));
        _tools = _connection.CreateClient<IEverythingTools>();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Echo_answers_with_the_message()
    {
        CallToolResult result = await _tools.EchoAsync("hello");

        Assert.Equal("Echo: hello", Text(result));
    }

    [Fact]
    public async Task Get_sum_answers_with_the_sum()
    {
        CallToolResult result = await _tools.GetSumAsync(1, 2);

        Assert.Equal("The sum of 1 and 2 is 3.", Text(result));
    }

    [Fact]
    public async Task Structured_content_is_read_into_the_record_scaffolded_from_the_output_schema()
    {
        GetStructuredContentResult weather = await _tools.GetStructuredContentAsync(Location.Chicago);

        Assert.Equal(new GetStructuredContentResult(36, "Light rain / drizzle", 82), weather);
    }

    [Fact]
    public async Task An_enum_member_renamed_from_its_wire_value_is_sent_as_the_wire_value()
    {
        // "New York" is not an identifier: the member is NewYork with [JsonStringEnumMemberName("New York")].
        GetStructuredContentResult weather = await _tools.GetStructuredContentAsync(Location.NewYork);

        Assert.False(string.IsNullOrEmpty(weather.Conditions));
    }

    [Fact]
    public async Task An_enum_member_named_as_its_wire_value_is_accepted_by_the_server()
    {
        // get-annotated-message would show this too, but the official SDK 2.4.0 cannot read its annotated content
        // (InvalidOperationException in ContentBlock.Converter, with a plain McpClient as well).
        CallToolResult result = await _tools.GzipFileAsResourceAsync(
            name: "hello.txt.gz", data: "data:text/plain;base64,aGVsbG8=", outputType: OutputType.resourceLink);

        Assert.NotEqual(true, result.IsError);
        Assert.Contains(result.Content, c => c is ResourceLinkBlock { Name: "hello.txt.gz" });
    }

    [Fact]
    public async Task Optional_arguments_left_null_are_left_out_and_given_ones_are_sent()
    {
        CallToolResult defaults = await _tools.GetResourceLinksAsync();
        CallToolResult two = await _tools.GetResourceLinksAsync(count: 2);

        Assert.NotEqual(true, defaults.IsError);
        Assert.NotEqual(true, two.IsError);
        Assert.Equal(2, two.Content.OfType<ResourceLinkBlock>().Count());
        Assert.True(defaults.Content.OfType<ResourceLinkBlock>().Count() > 2);
    }

    [Fact]
    public async Task The_scaffolded_interface_passes_tool_validation_on_connect()
    {
        string[] commandLine = PeerServers.Everything();
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Stdio(commandLine[0], commandLine[1..]), new McpConnectionOptions { ValidateToolsOnConnect = McpToolValidation.Throw });

        IEverythingTools tools = connection.CreateClient<IEverythingTools>();

        Assert.Equal("The sum of 1 and 2 is 3.", Text(await tools.GetSumAsync(1, 2)));
    }

    private static string Text(CallToolResult result)
    {
        Assert.NotEqual(true, result.IsError);
        return Assert.IsType<TextContentBlock>(result.Content[0]).Text;
    }
}
