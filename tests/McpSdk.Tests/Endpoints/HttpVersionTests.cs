using System.Net.Http;
using System.Threading.Tasks;
using McpSdk.Tests.Reliability;
using ModelContextProtocol.Client;
using Xunit;

namespace McpSdk.Tests.Endpoints;

/// <summary>
/// McpSdk's HTTP defaults speak HTTP/2 to a server that offers it over TLS, though the official SDK builds every request
/// as HTTP/1.1; over cleartext they stay on HTTP/1.1. Both against the fault server on Kestrel (a real server process).
/// </summary>
public sealed class HttpVersionTests
{
    [Fact]
    public async Task A_session_over_https_uses_http2_when_the_server_offers_it()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync(https: true);

        await CallOkAsync(server);

        string protocols = await server.ProtocolsAsync();
        Assert.Contains("HTTP/2=", protocols, System.StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP/1.1", protocols, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_over_https_stays_on_http11_when_http2_is_not_preferred()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync(https: true);

        await CallOkAsync(server, preferHttp2: false);

        string protocols = await server.ProtocolsAsync();
        Assert.Contains("HTTP/1.1=", protocols, System.StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP/2", protocols, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_over_cleartext_http_stays_on_http11()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();

        await CallOkAsync(server);

        string protocols = await server.ProtocolsAsync();
        Assert.Contains("HTTP/1.1=", protocols, System.StringComparison.Ordinal);
        Assert.DoesNotContain("HTTP/2", protocols, System.StringComparison.Ordinal);
    }

    private static async Task CallOkAsync(HttpFaultServer server, bool preferHttp2 = true)
    {
        var options = new McpHttpOptions
        {
            HttpClientFactory = HttpFaultServer.TrustingClients("h2-test", preferHttp2),
            HttpClientName = "h2-test",
            TransportMode = HttpTransportMode.StreamableHttp,
        };

        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(server.Uri, options), new McpConnectionOptions { MaxSessions = 1 });
        IFaultsPlain tools = connection.CreateClient<IFaultsPlain>();
        Assert.Equal("ok", await tools.OkAsync());
        Assert.Equal("ok", await tools.OkAsync());
    }
}
