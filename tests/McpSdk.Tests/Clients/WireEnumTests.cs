using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Clients;

/// <summary>How an enum argument is spelled on the wire, the way servers such as server-everything expect it.</summary>
public sealed class WireEnumTests
{
    [Fact]
    public async Task An_enum_argument_is_sent_camel_cased_unless_JsonStringEnumMemberName_names_it()
    {
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session);
        IWireEnumTools tools = connection.CreateClient<IWireEnumTools>();

        await tools.ForecastAsync(City.LosAngeles);
        await tools.ForecastAsync(City.NewYork, City.Chicago);

        Assert.Equal(["""{"city":"losAngeles"}""", """{"city":"New York","other":"chicago"}"""], session.Starts);
    }
}
