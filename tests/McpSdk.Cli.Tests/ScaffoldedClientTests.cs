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
        string text = await _tools.EchoAsync("hello");

        Assert.Equal("Echo: hello", text);
    }

    [Fact]
    public async Task Get_sum_answers_with_the_sum()
    {
        string text = await _tools.GetSumAsync(1, 2);

        Assert.Equal("The sum of 1 and 2 is 3.", text);
    }

    [Fact]
    public async Task Structured_content_is_read_into_the_record_scaffolded_from_the_output_schema()
    {
        EverythingGetStructuredContentResult weather = await _tools.GetStructuredContentAsync(EverythingLocation.Chicago);

        Assert.Equal(new EverythingGetStructuredContentResult(36, "Light rain / drizzle", 82), weather);
    }

    [Fact]
    public async Task An_enum_member_renamed_from_its_wire_value_is_sent_as_the_wire_value()
    {
        // "New York" is not an identifier: the member is NewYork with [JsonStringEnumMemberName("New York")].
        EverythingGetStructuredContentResult weather = await _tools.GetStructuredContentAsync(EverythingLocation.NewYork);

        Assert.False(string.IsNullOrEmpty(weather.Conditions));
    }

    [Fact]
    public async Task A_PascalCase_enum_member_is_sent_as_its_camelCase_wire_value()
    {
        // get-annotated-message would show this too, but the official SDK 2.4.0 cannot read its annotated content
        // (InvalidOperationException in ContentBlock.Converter, with a plain McpClient as well). The tool answers with a
        // resource link only, so the scaffolded Task<string> cannot read it (the header comment says so): the mismatch
        // carries the server's result, which shows the server took "resourceLink".
        McpResultMismatchException mismatch = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.GzipFileAsResourceAsync(
            name: "hello.txt.gz", data: "data:text/plain;base64,aGVsbG8=", outputType: EverythingOutputType.ResourceLink));

        Assert.NotEqual(true, mismatch.Result.IsError);
        Assert.Contains(mismatch.Result.Content, c => c is ResourceLinkBlock { Name: "hello.txt.gz" });
    }

    [Fact]
    public async Task Optional_arguments_left_null_are_left_out_and_given_ones_are_sent()
    {
        string defaults = await _tools.GetResourceLinksAsync();
        string two = await _tools.GetResourceLinksAsync(count: 2);

        Assert.StartsWith("Here are 2 resource links", two, System.StringComparison.Ordinal);
        Assert.StartsWith("Here are 3 resource links", defaults, System.StringComparison.Ordinal); // the server's default
    }

    [Fact]
    public async Task The_scaffolded_interface_passes_tool_validation_on_connect()
    {
        string[] commandLine = PeerServers.Everything();
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Stdio(commandLine[0], commandLine[1..]), new McpConnectionOptions { ValidateToolsOnConnect = McpToolValidation.Throw });

        IEverythingTools tools = connection.CreateClient<IEverythingTools>();

        Assert.Equal("The sum of 1 and 2 is 3.", await tools.GetSumAsync(1, 2));
    }
}
