using System.IO;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using McpSdk.Tests.Pool;
using Xunit;

namespace McpSdk.Tests.Reliability;

/// <summary>What a lost-session message says: how the session ended, when the session knows.</summary>
public sealed class LostSessionMessageTests
{
    [Fact]
    public async Task A_lost_call_says_how_its_session_ended_rather_than_what_the_transport_threw()
    {
        var session = new ScriptedSession(static _ => throw new IOException("The transport was closed."))
        {
            EndDescription = "the server process exited with code 137",
        };
        await using McpConnection connection = TestConnections.Create(session);
        IPoolTools tools = connection.CreateClient<IPoolTools>();

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.EchoAsync("x"));
        Assert.Contains("'echo'", lost.Message);
        Assert.Contains("the server process exited with code 137", lost.Message);
        Assert.DoesNotContain("The transport was closed.", lost.Message);
    }

    [Fact]
    public async Task A_lost_call_on_a_session_that_knows_nothing_more_keeps_the_transports_reason()
    {
        var session = new ScriptedSession(static _ => throw new IOException("The transport was closed."));
        await using McpConnection connection = TestConnections.Create(session);
        IPoolTools tools = connection.CreateClient<IPoolTools>();

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.EchoAsync("x"));
        Assert.Contains("The transport was closed.", lost.Message);
    }
}
