using System;
using System.Net.Http;
using McpSdk.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace McpSdk.Endpoints;

/// <summary>An MCP server over Streamable HTTP (or legacy SSE): one HTTP session per pool session.</summary>
internal sealed class HttpEndpoint : McpEndpoint
{
    // McpSdk's own factory, for endpoints given none: created once per process, like a static HttpClient.
    private static readonly Lazy<IHttpClientFactory> s_defaultFactory = new(CreateDefaultFactory);

    private readonly Uri _uri;
    private readonly McpHttpOptions _options;

    // One per endpoint, so that its sessions share tokens and what discovery learned.
    private readonly EndpointAuthorization? _authorization;

    public HttpEndpoint(Uri uri, McpHttpOptions options)
    {
        _uri = uri;
        _options = options;

        // Scheme, host, port and path only: query strings and user info can carry secrets.
        Name = uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Path)
            : uri.GetLeftPart(UriPartial.Path).Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal);
        _authorization = options.OAuth is null ? null : new EndpointAuthorization(uri, Name, options.OAuth);
    }

    public override string Name { get; }

    /// <summary>The endpoint's URI (with whatever query string it has: it goes on the wire, never into a message).</summary>
    public Uri Uri => _uri;

    /// <summary>The endpoint's HTTP options.</summary>
    public McpHttpOptions Options => _options;

    /// <summary>
    /// The <see cref="HttpClient"/> of one new session, for either engine: the endpoint's factory's named client (McpSdk's
    /// defaults when it has none), with <see cref="ClientGrantHandler"/> in front when the endpoint runs OAuth grants.
    /// The factory owns the handler; the client itself is a thin wrapper the session disposes.
    /// </summary>
    public HttpClient CreateHttpClient(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        IHttpClientFactory factory = _options.HttpClientFactory ?? s_defaultFactory.Value;
        return _authorization is { RunsGrants: true } authorization
            ? CreateGrantClient(factory, authorization, loggerFactory, timeProvider)
            : factory.CreateClient(_options.HttpClientName);
    }

    internal override EndpointTransport CreateTransport(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        HttpClient client = CreateHttpClient(loggerFactory, timeProvider);
        var transportOptions = new HttpClientTransportOptions
        {
            Endpoint = _uri,
            TransportMode = _options.TransportMode,
            Name = Name,
            AdditionalHeaders = _options.AdditionalHeaders,
            OAuth = _authorization?.CreateSdkOptions(),
        };

        return new EndpointTransport(new HttpClientTransport(transportOptions, client, loggerFactory, ownsHttpClient: true), Companion: null);
    }

    /// <summary>
    /// The named client's handler pipeline with <see cref="ClientGrantHandler"/> in front: the grants the SDK lacks run
    /// below the SDK's own OAuth handling, on every request of the session.
    /// </summary>
    private HttpClient CreateGrantClient(IHttpClientFactory factory, EndpointAuthorization authorization, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        if (factory is not IHttpMessageHandlerFactory handlers)
        {
            throw new InvalidOperationException(
                $"OAuth client credentials and cross-app access for {Name} need an IHttpClientFactory that is also an IHttpMessageHandlerFactory (as the one from AddHttpClient is), to put their handler in the pipeline.");
        }

        // The factory's handler ignores disposal (the factory recycles it), so the client may own the chain.
        var handler = new ClientGrantHandler(authorization, handlers.CreateHandler(_options.HttpClientName), loggerFactory.CreateLogger("McpSdk.Authorization"), timeProvider);
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private static IHttpClientFactory CreateDefaultFactory()
    {
        var services = new ServiceCollection();
        services.AddHttpClient(McpHttpClientBuilderExtensions.DefaultClientName).AddMcpSdkHttpDefaults();
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }
}
