using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace McpSdk.Endpoints;

/// <summary>An MCP server over Streamable HTTP (or legacy SSE): one HTTP session per pool session.</summary>
internal sealed class HttpEndpoint(Uri uri, McpHttpOptions options) : McpEndpoint
{
    // McpSdk's own factory, for endpoints given none: created once per process, like a static HttpClient.
    private static readonly Lazy<IHttpClientFactory> s_defaultFactory = new(CreateDefaultFactory);

    // Scheme, host, port and path only: query strings and user info can carry secrets.
    public override string Name { get; } = uri.UserInfo.Length == 0
        ? uri.GetLeftPart(UriPartial.Path)
        : uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal);

    internal override EndpointTransport CreateTransport(ILoggerFactory loggerFactory)
    {
        IHttpClientFactory factory = options.HttpClientFactory ?? s_defaultFactory.Value;
        HttpClient client = factory.CreateClient(options.HttpClientName);
        var transportOptions = new HttpClientTransportOptions
        {
            Endpoint = uri,
            TransportMode = options.TransportMode,
            Name = Name,
            AdditionalHeaders = options.AdditionalHeaders,
        };

        // The factory owns the handler; the client itself is a thin wrapper the transport disposes with the session.
        return new EndpointTransport(new HttpClientTransport(transportOptions, client, loggerFactory, ownsHttpClient: true), Companion: null);
    }

    private static IHttpClientFactory CreateDefaultFactory()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(McpHttpClientBuilderExtensions.DefaultClientName).AddMcpSdkHttpDefaults();
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }
}
