using System.Collections.Generic;
using System.Net.Http;
using ModelContextProtocol.Client;

namespace McpSdk;

/// <summary>How <see cref="McpEndpoint.Http(System.Uri, McpHttpOptions?)"/> reaches an MCP server over HTTP.</summary>
public sealed class McpHttpOptions
{
    /// <summary>
    /// The factory that supplies the <see cref="HttpClient"/> of each session, typically the application's from
    /// dependency injection (configure its named client with
    /// <see cref="McpHttpClientBuilderExtensions.AddMcpSdkHttpDefaults"/>). <see langword="null"/> uses a
    /// process-wide factory of McpSdk's own with those defaults.
    /// </summary>
    public IHttpClientFactory? HttpClientFactory { get; set; }

    /// <summary>The named client to ask <see cref="HttpClientFactory"/> for; <c>"McpSdk"</c> by default.</summary>
    public string HttpClientName { get; set; } = McpHttpClientBuilderExtensions.DefaultClientName;

    /// <summary>
    /// Headers sent with every request, e.g. an API key. Their values are treated as secrets: never logged and
    /// never part of an endpoint's name or an exception message.
    /// </summary>
    public IDictionary<string, string>? AdditionalHeaders { get; set; }

    /// <summary>Streamable HTTP, legacy SSE, or auto-detection (the default: Streamable HTTP, falling back to SSE).</summary>
    public HttpTransportMode TransportMode { get; set; } = HttpTransportMode.AutoDetect;

    /// <summary>
    /// OAuth authorization for a protected server: client credentials or cross-app access for services, the
    /// authorization-code flow (with a redirect URI) for users. <see langword="null"/>: no authorization.
    /// </summary>
    public McpOAuthOptions? OAuth { get; set; }
}
