using System.Text;
using McpSdk.Engine;
using Xunit;

namespace McpSdk.Tests.Engine;

/// <summary>Which replies the lean engine takes for the stateless form's input requests: only an input_required result.</summary>
public sealed class InputRequiredTests
{
    [Theory]
    [InlineData("""{"resultType":"input_required","inputRequests":{"a":{"method":"elicitation/create","params":{}}},"requestState":"s"}""", true)]
    [InlineData("""{"inputRequests":{},"requestState":"s","resultType":"input_required"}""", true)]
    [InlineData("""{"content":[{"type":"text","text":"ok"}],"resultType":"complete"}""", false)]
    [InlineData("""{"content":[{"type":"text","text":"\"input_required\""}]}""", false)]
    [InlineData("""{"content":[{"type":"text","text":"x"}],"structuredContent":{"resultType":"input_required"}}""", false)]
    [InlineData("""{"_meta":{"resultType":"complete"},"resultType":"input_required","inputRequests":{}}""", true)]
    public void Only_a_top_level_input_required_result_type_is_taken(string json, bool expected) =>
        Assert.Equal(expected, InputRequired.Is(Encoding.UTF8.GetBytes(json)));
}
