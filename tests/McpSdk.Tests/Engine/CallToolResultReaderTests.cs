using System.Linq;
using System.Text;
using System.Text.Json;
using McpSdk.Engine;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Engine;

/// <summary>The lean engine's fast reader for plain text results agrees with the SDK's serializer, or steps aside.</summary>
public sealed class CallToolResultReaderTests
{
    [Theory]
    [InlineData("""{"content":[{"type":"text","text":"Echo: hello"}]}""")]
    [InlineData("""{"content":[{"text":"reversed","type":"text"}],"isError":false}""")]
    [InlineData("""{"isError":true,"content":[{"type":"text","text":"a \"quoted\" \u00e9 \ud83d\udd27 line\nbreak"}]}""")]
    [InlineData("""{"content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}""")]
    [InlineData("""{"content":[]}""")]
    [InlineData("""{"content":[{"type":"text","text":"x"}],"_meta":{"k":"v"}}""")]
    [InlineData("""{"content":[{"type":"text","text":"ok"}],"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"s","version":"1.0.0"}}}""")]
    public void Plain_text_results_read_exactly_as_the_serializer_reads_them(string json)
    {
        CallToolResult? fast = CallToolResultReader.TryRead(Encoding.UTF8.GetBytes(json));
        CallToolResult expected = JsonSerializer.Deserialize<CallToolResult>(json, McpJsonUtilities.DefaultOptions)!;

        Assert.NotNull(fast);
        Assert.Equal(expected.IsError, fast.IsError);
        Assert.Equal(
            expected.Content.Cast<TextContentBlock>().Select(block => block.Text),
            fast.Content.Cast<TextContentBlock>().Select(block => block.Text));
        Assert.Equal(
            JsonSerializer.Serialize(expected, McpJsonUtilities.DefaultOptions),
            JsonSerializer.Serialize(fast, McpJsonUtilities.DefaultOptions));
    }

    [Theory]
    [InlineData("""{"content":[{"type":"text","text":"x"}],"structuredContent":{"a":1}}""")]
    [InlineData("""{"content":[{"type":"image","data":"AA==","mimeType":"image/png"}]}""")]
    [InlineData("""{"content":[{"type":"text","text":"x","annotations":{"priority":1}}]}""")]
    [InlineData("""{"content":[{"type":"text","text":"x"}],"_meta":"not an object"}""")]
    [InlineData("""{"content":[{"type":"text","text":"x"}],"resultType":"input_required"}""")]
    [InlineData("""{"isError":true}""")]
    [InlineData("""{"content":[{"type":"text"}]}""")]
    [InlineData("""{"content":[{"type":"text","text":"x"}]""")]
    [InlineData("""[]""")]
    public void Any_other_shape_is_left_to_the_serializer(string json) =>
        Assert.Null(CallToolResultReader.TryRead(Encoding.UTF8.GetBytes(json)));
}
