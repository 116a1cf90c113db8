using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Clients;

/// <summary>A proxy whose method parameters are named like its own fields still reaches its fields.</summary>
public sealed class ShadowingParameterTests
{
    [Fact]
    public async Task Parameters_named_like_proxy_fields_are_sent_as_arguments_and_the_result_is_read()
    {
        var session = new ScriptedSession(static call => ValueTask.FromResult(ScriptedCall.Text("""{"text":"read"}""")));
        await using McpConnection connection = TestConnections.Create(session);
        IShadowingParameterTools tools = connection.CreateClient<IShadowingParameterTools>();

        Echoed result = await tools.EchoAsync("a", "b", "c", 4, "e", "f");

        Assert.Equal(new Echoed("read"), result);
        using JsonDocument sent = JsonDocument.Parse(Assert.Single(session.Starts));
        Assert.Equal(
            ["_invoker:a", "_echoAsync:b", "_jsonString:c", "_jsonInt32:4", "_jsonEchoed:e", "_readEchoed:f"],
            sent.RootElement.EnumerateObject().Select(p => p.Name + ":" + p.Value.ToString()).ToArray());
    }
}
