using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace McpSdk.Authorization;

/// <summary>
/// The HTTP pipeline step for the grants the official SDK lacks (client credentials, cross-app access). It attaches
/// the endpoint's cached bearer token; on a 401 it lets <see cref="EndpointAuthorization"/> discover the grant and get a
/// token, and sends the request once more. A 401 means the server rejected the request, so the one retry cannot run a
/// <c>tools/call</c> twice. Requests that already carry an Authorization header (the SDK's own flow) pass untouched.
/// </summary>
internal sealed class ClientGrantHandler : DelegatingHandler
{
    private readonly EndpointAuthorization _authorization;
    private readonly ILogger _logger;
    private readonly HttpClient _authorizationClient;
    private readonly TimeProvider _time;

    public ClientGrantHandler(EndpointAuthorization authorization, HttpMessageHandler inner, ILogger logger, TimeProvider connectionClock)
        : base(inner)
    {
        _authorization = authorization;
        _logger = logger;
        _time = connectionClock;

        // Metadata and token requests go through the rest of the pipeline, never back through this handler.
        _authorizationClient = new HttpClient(inner, disposeHandler: false);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is not null || _authorization.NoGrantApplies || !_authorization.IsForServer(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        string? token = await _authorization.GetTokenAsync(_authorizationClient, _logger, _time, cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // Kept so the request can be sent again after a 401 (content streams are read once).
        byte[]? body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body is not null)
        {
            request.Content = CopyContent(request.Content!, body);
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        string? fresh;
        try
        {
            fresh = await _authorization.AcquireAfterChallengeAsync(_authorizationClient, response, token, _logger, _time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (fresh is null)
        {
            return response;
        }

        response.Dispose();
        var retry = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            retry.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, object?> option in request.Options)
        {
            retry.Options.Set(new HttpRequestOptionsKey<object?>(option.Key), option.Value);
        }

        retry.Content = body is null ? null : CopyContent(request.Content!, body);
        retry.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _authorizationClient.Dispose();
        }

        base.Dispose(disposing);
    }

    private static ByteArrayContent CopyContent(HttpContent original, byte[] body)
    {
        var copy = new ByteArrayContent(body);
        foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
