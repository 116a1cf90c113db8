using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Authorization;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>
/// An authorization step without a browser: GETs the authorization URL without following redirects and reads
/// <c>code</c>, <c>state</c> and <c>iss</c> from the <c>Location</c> header of the redirect. For authorization servers
/// that approve a known client without user interaction (test servers, some machine-to-machine set-ups).
/// </summary>
public sealed class HeadlessAuthorizationCallback : IMcpAuthorizationCallback
{
    private static readonly Lazy<HttpClient> s_client = new(static () => new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }));
    private readonly HttpClient _client;

    /// <summary>Uses a client of its own that does not follow redirects.</summary>
    public HeadlessAuthorizationCallback()
        : this(s_client.Value)
    {
    }

    /// <summary>Uses <paramref name="client"/>, which must not follow redirects.</summary>
    public HeadlessAuthorizationCallback(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc/>
    public async Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using HttpResponseMessage response = await _client.GetAsync(context.AuthorizationUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
        {
            throw new McpAuthorizationException(
                $"The authorization endpoint {context.AuthorizationUri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} ({response.StatusCode}) instead of redirecting; a headless authorization needs a server that approves without a user.");
        }

        return AuthorizationRedirect.Read(location.IsAbsoluteUri ? location : new Uri(context.AuthorizationUri, location));
    }
}
