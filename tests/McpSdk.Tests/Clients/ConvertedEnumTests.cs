using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Clients;

/// <summary>The application's own [JsonConverter] on an enum decides how it travels, not the proxy's enum converter.</summary>
public sealed class ConvertedEnumTests
{
    [Fact]
    public async Task A_JsonConverter_on_an_enum_writes_the_argument_and_the_record_member()
    {
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session);

        await connection.CreateClient<IConvertedEnumTools>().PaintAsync(Shade.Dark, new Swatch(Shade.Light));

        Assert.Equal("""{"shade":"shade-of-dark","swatch":{"shade":"shade-of-light"}}""", Assert.Single(session.Starts));
    }
}
