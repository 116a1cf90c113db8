using System.Net.Http;
using McpSdk.Engine;
using Xunit;

namespace McpSdk.Tests.Engine;

/// <summary>The stateless form's Mcp-Method and Mcp-Name headers, read from the message as written.</summary>
public sealed class StandardHeadersTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{"name":"not this"},"name":"echo"}}""", "tools/call", "echo")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"resources/read","params":{"uri":"file:///a.txt","name":"not this"}}""", "resources/read", "file:///a.txt")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"name":"not this"}}""", "tools/list", null)]
    [InlineData("""{"jsonrpc":"2.0","id":4,"result":{}}""", null, null)]
    public void A_request_states_its_method_and_the_name_it_routes_on_and_a_reply_neither(string message, string? method, string? name)
    {
        using var request = new HttpRequestMessage();
        StandardHeaders.Add(request.Headers, System.Text.Encoding.UTF8.GetBytes(message));

        Assert.Equal(method, request.Headers.TryGetValues("Mcp-Method", out var methods) ? Assert.Single(methods) : null);
        Assert.Equal(name, request.Headers.TryGetValues("Mcp-Name", out var names) ? Assert.Single(names) : null);
    }
}
