using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Endpoints;

/// <summary>
/// Asks for HTTP/2 on every HTTPS request, falling back to HTTP/1.1 when the server does not offer it (TLS ALPN).
/// </summary>
/// <remarks>
/// The official SDK's transport builds each request with <see cref="HttpRequestMessage"/>'s default version, 1.1, and
/// <see cref="HttpClient.DefaultRequestVersion"/> does not apply to requests built by the caller; without this handler
/// a session would use HTTP/1.1, one connection per request in flight, even where the server speaks HTTP/2. Cleartext
/// requests are left alone: HTTP/2 without TLS needs prior knowledge, which a server cannot advertise.
/// </remarks>
internal sealed class PreferHttp2Handler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Prefer(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Prefer(request);
        return base.Send(request, cancellationToken);
    }

    private static void Prefer(HttpRequestMessage request)
    {
        if (request.Version == HttpVersion.Version11
            && request.VersionPolicy == HttpVersionPolicy.RequestVersionOrLower
            && string.Equals(request.RequestUri?.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            request.Version = HttpVersion.Version20;
        }
    }
}
