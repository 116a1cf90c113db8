using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Authentication;

namespace McpSdk.Authorization;

/// <summary>
/// The OAuth state of one HTTP endpoint, shared by all its sessions: the grant McpSdk runs itself (client credentials
/// or cross-app access) once discovery has chosen it, and the token cache entries for it and for the official SDK's
/// authorization-code flow. One token acquisition runs at a time; concurrent 401s wait and reuse its token.
/// </summary>
internal sealed partial class EndpointAuthorization
{
    private const string LegacyFallbackSwitch = "ModelContextProtocol.Authentication.AllowLegacyOAuthMetadataFallback";
    private const string ClientCredentialsGrant = "client_credentials";
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private readonly McpOAuthOptions _options;
    private readonly Uri _endpoint;
    private readonly string _endpointName;
    private readonly IMcpTokenCache _cache;
    private readonly string _grantKey;
    private readonly string _authorizationCodeKey;
    /// <summary>How long one token acquisition, discovery included, may take.</summary>
    private static readonly TimeSpan AcquisitionTimeout = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private GrantPlan? _plan;
    private volatile bool _noGrantApplies;

    public EndpointAuthorization(Uri endpoint, string endpointName, McpOAuthOptions options)
    {
        _options = options;
        _endpoint = endpoint;
        _endpointName = endpointName;
        _cache = options.TokenCache ?? new InMemoryMcpTokenCache();
        _grantKey = "grant " + endpointName;
        _authorizationCodeKey = "authorization_code " + endpointName;
        RunsGrants = options.CrossAppAccess is not null
            || (options.ClientCredentials is { } credentials && !string.IsNullOrEmpty(options.ClientId)
                && (!string.IsNullOrEmpty(options.ClientSecret) || !string.IsNullOrEmpty(credentials.PrivateKeyPem)));
    }

    /// <summary>Whether a grant of McpSdk's own is configured, so the HTTP pipeline needs <see cref="ClientGrantHandler"/>.</summary>
    public bool RunsGrants { get; }

    /// <summary>
    /// The official SDK's OAuth options for one transport (the authorization-code flow), or <see langword="null"/> when no
    /// redirect URI is configured. Its tokens and registered client live in this endpoint's cache entry.
    /// </summary>
    public ClientOAuthOptions? CreateSdkOptions()
    {
        if (_options.AllowLegacyMetadataFallback)
        {
            // Process-wide in the SDK; set only once a connection that asks for it opens a session.
            AppContext.SetSwitch(LegacyFallbackSwitch, true);
        }

        if (_options.RedirectUri is not { } redirectUri)
        {
            return null;
        }

        IMcpAuthorizationCallback? callback = _options.AuthorizationCallback;
        return new ClientOAuthOptions
        {
            RedirectUri = redirectUri,
            ClientId = _options.ClientId,
            ClientSecret = _options.ClientSecret,
            ClientMetadataDocumentUri = _options.ClientMetadataDocumentUri,
            DynamicClientRegistration = _options.DynamicClientRegistration,
            Scopes = _options.Scopes?.ToArray(),
            AuthorizationCallbackHandler = callback is null ? null : callback.AuthorizeAsync,
            TokenCache = new SdkTokenCache(_cache, _authorizationCodeKey),
        };
    }

    /// <summary>Whether discovery found that no grant of McpSdk's own applies, so requests need no buffering for a retry.</summary>
    public bool NoGrantApplies => _noGrantApplies;

    /// <summary>Whether a request goes to the MCP server (same origin, not a metadata or form request) rather than elsewhere.</summary>
    public bool IsForServer(HttpRequestMessage request) =>
        request.RequestUri is { } uri
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), _endpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
        && !uri.AbsolutePath.StartsWith("/.well-known/", StringComparison.Ordinal)
        && request.Content?.Headers.ContentType?.MediaType != "application/x-www-form-urlencoded";

    /// <summary>
    /// The clock that decides token expiry and the acquisition deadline: <see cref="McpOAuthOptions.TimeProvider"/> when
    /// set, else the clock of the connection that sends the request (<see cref="McpConnectionOptions.TimeProvider"/>).
    /// </summary>
    private TimeProvider ClockFor(TimeProvider connectionClock) => _options.TimeProvider ?? connectionClock;

    /// <summary>A valid token for the next request: the cached one, or a new one when it expired and the grant is known.</summary>
    public async ValueTask<string?> GetTokenAsync(HttpClient http, ILogger logger, TimeProvider connectionClock, CancellationToken cancellationToken)
    {
        TimeProvider time = ClockFor(connectionClock);
        if (await _cache.GetAsync(_grantKey, cancellationToken).ConfigureAwait(false) is { } cached && !IsExpired(cached, time))
        {
            return cached.AccessToken;
        }

        if (Volatile.Read(ref _plan) is null)
        {
            return null; // the first 401 decides whether a grant of ours applies
        }

        return await DetachedAsync(token => RenewAsync(http, logger, time, token), time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a 401: a token to retry with — another caller's newer one, or a new one from the grant that discovery
    /// chooses — or <see langword="null"/> when no grant of ours applies (the 401 is then left to the SDK's flow).
    /// </summary>
    public Task<string?> AcquireAfterChallengeAsync(
        HttpClient http, HttpResponseMessage challenge, string? rejected, ILogger logger, TimeProvider connectionClock, CancellationToken cancellationToken)
    {
        (Uri? metadataUri, string? challengeScope) = OAuthMetadata.ReadChallenge(challenge);
        TimeProvider time = ClockFor(connectionClock);
        return DetachedAsync(token => AcquireAfterChallengeAsync(http, metadataUri, challengeScope, rejected, logger, time, token), time, cancellationToken);
    }

    /// <summary>
    /// Runs a token acquisition apart from the request that needed it: every request to the endpoint waits for the same
    /// acquisition, so one caller's cancellation must not abort it (the SDK's cross-app provider would even report that
    /// as a failed discovery). The work has its own deadline, on <paramref name="time"/>; a cancelled caller only stops waiting.
    /// </summary>
    private async Task<string?> DetachedAsync(Func<CancellationToken, Task<string?>> work, TimeProvider time, CancellationToken cancellationToken)
    {
        Task<string?> running = Task.Run(
            async () =>
            {
                using var deadline = new CancellationTokenSource(AcquisitionTimeout, time);
                try
                {
                    return await work(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException error) when (deadline.IsCancellationRequested)
                {
                    throw new McpAuthorizationException(
                        $"Getting an access token for {_endpointName} took longer than {AcquisitionTimeout.TotalSeconds:0} s; check that its authorization server answers.", error);
                }
            },
            CancellationToken.None);

        // Observed even when every caller stopped waiting, so a late failure is not an unobserved task exception.
        _ = running.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> RenewAsync(HttpClient http, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await _cache.GetAsync(_grantKey, cancellationToken).ConfigureAwait(false) is { } current && !IsExpired(current, time))
            {
                return current.AccessToken;
            }

            return await AcquireAsync(_plan!, http, logger, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string?> AcquireAfterChallengeAsync(
        HttpClient http, Uri? metadataUri, string? challengeScope, string? rejected, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await _cache.GetAsync(_grantKey, cancellationToken).ConfigureAwait(false) is { } cached)
            {
                if (!IsExpired(cached, time) && cached.AccessToken != rejected)
                {
                    return cached.AccessToken;
                }

                await _cache.RemoveAsync(_grantKey, cancellationToken).ConfigureAwait(false);
            }

            if (_noGrantApplies)
            {
                return null;
            }

            GrantPlan? plan = Volatile.Read(ref _plan)
                ?? await DiscoverAsync(http, metadataUri, challengeScope, logger, cancellationToken).ConfigureAwait(false);
            if (plan is null)
            {
                _noGrantApplies = true;
                return null;
            }

            Volatile.Write(ref _plan, plan);
            return await AcquireAsync(plan, http, logger, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<GrantPlan?> DiscoverAsync(
        HttpClient http, Uri? metadataUri, string? challengeScope, ILogger logger, CancellationToken cancellationToken)
    {
        ProtectedResource? resource = await OAuthMetadata.FetchProtectedResourceAsync(http, _endpoint, metadataUri, cancellationToken).ConfigureAwait(false);
        if (resource is null)
        {
            Log.NoGrantApplies(logger, _endpointName, "it publishes no protected-resource metadata");
            return null;
        }

        if (!OAuthMetadata.Covers(resource.Resource, _endpoint))
        {
            throw new McpAuthorizationException(
                $"The protected-resource metadata of {_endpointName} names the resource {resource.Resource.GetLeftPart(UriPartial.Path)}, which is not this endpoint; no token is requested for it (RFC 9728, section 3.3).");
        }

        string? scope = _options.Scopes is { Count: > 0 } configured ? string.Join(' ', configured)
            : challengeScope ?? (resource.ScopesSupported.Count > 0 ? string.Join(' ', resource.ScopesSupported) : null);
        foreach (Uri serverUrl in resource.AuthorizationServers)
        {
            AuthorizationServer? server = await OAuthMetadata.FetchAuthorizationServerAsync(http, serverUrl, cancellationToken).ConfigureAwait(false);
            if (server is null)
            {
                continue;
            }

            if (_options.CrossAppAccess is not null && server.Supports(JwtBearerGrant))
            {
                return new GrantPlan(GrantKind.CrossAppAccess, resource.Resource, serverUrl, server, scope, McpTokenEndpointAuthMethod.Automatic);
            }

            if (_options.ClientCredentials is not null && RunsGrants && server.Supports(ClientCredentialsGrant))
            {
                return new GrantPlan(GrantKind.ClientCredentials, resource.Resource, serverUrl, server, scope, ChooseAuthMethod(server));
            }
        }

        Log.NoGrantApplies(logger, _endpointName, "its authorization server offers neither the client_credentials nor a configured cross-app grant");
        return null;
    }

    private McpTokenEndpointAuthMethod ChooseAuthMethod(AuthorizationServer server)
    {
        McpClientCredentialsOptions credentials = _options.ClientCredentials!;
        if (credentials.AuthMethod != McpTokenEndpointAuthMethod.Automatic)
        {
            return credentials.AuthMethod;
        }

        IReadOnlyList<string> offered = server.AuthMethods;
        bool Offers(string method) => offered.Count == 0 || offered.Contains(method);
        if (!string.IsNullOrEmpty(credentials.PrivateKeyPem) && (Offers("private_key_jwt") || string.IsNullOrEmpty(_options.ClientSecret)))
        {
            return McpTokenEndpointAuthMethod.PrivateKeyJwt;
        }

        return !Offers("client_secret_basic") && Offers("client_secret_post")
            ? McpTokenEndpointAuthMethod.ClientSecretPost
            : McpTokenEndpointAuthMethod.ClientSecretBasic;
    }

    private async Task<string> AcquireAsync(GrantPlan plan, HttpClient http, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        TokenContainer tokens;
        if (plan.Kind == GrantKind.CrossAppAccess)
        {
            // The SDK runs the exchange (ID token → ID-JAG at the IdP → access token); the cache and expiry are ours.
            var provider = new IdentityAssertionGrantProvider(_options.CrossAppAccess!, http);
            tokens = await provider.GetAccessTokenAsync(plan.Resource, plan.AuthorizationServerUrl, cancellationToken).ConfigureAwait(false);
            tokens.ObtainedAt = now;
        }
        else
        {
            tokens = await RequestClientCredentialsAsync(plan, http, now, cancellationToken).ConfigureAwait(false);
        }

        await _cache.StoreAsync(_grantKey, tokens, cancellationToken).ConfigureAwait(false);
        Log.TokenObtained(logger, _endpointName, plan.Describe(), tokens.ExpiresIn);
        return tokens.AccessToken;
    }

    private Task<TokenContainer> RequestClientCredentialsAsync(GrantPlan plan, HttpClient http, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string clientId = _options.ClientId!;
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", ClientCredentialsGrant),
            new("resource", plan.Resource.OriginalString),
        };
        if (plan.Scope is not null)
        {
            form.Add(new("scope", plan.Scope));
        }

        (string, string)? basic = null;
        switch (plan.AuthMethod)
        {
            case McpTokenEndpointAuthMethod.PrivateKeyJwt:
                McpClientCredentialsOptions credentials = _options.ClientCredentials!;
                string key = credentials.PrivateKeyPem
                    ?? throw new McpAuthorizationException($"private_key_jwt for {_endpointName} needs McpClientCredentialsOptions.PrivateKeyPem.");
                form.Add(new("client_id", clientId));
                form.Add(new("client_assertion_type", ClientAssertion.AssertionType));
                form.Add(new("client_assertion", ClientAssertion.Create(clientId, plan.Server.Issuer.OriginalString, key, credentials.KeyId, now, credentials.AssertionLifetime)));
                break;
            case McpTokenEndpointAuthMethod.ClientSecretPost:
                form.Add(new("client_id", clientId));
                form.Add(new("client_secret", RequireSecret()));
                break;
            default:
                basic = (clientId, RequireSecret());
                break;
        }

        return TokenRequest.SendAsync(http, plan.Server.TokenEndpoint, form, basic, now, cancellationToken);
    }

    private string RequireSecret() => _options.ClientSecret is { Length: > 0 } secret
        ? secret
        : throw new McpAuthorizationException($"The client_credentials grant for {_endpointName} needs McpOAuthOptions.ClientSecret (or a private key for private_key_jwt).");

    /// <summary>Expired a little early (30 s, at most half its lifetime), so a token does not lapse on its way to the server.</summary>
    private static bool IsExpired(TokenContainer tokens, TimeProvider time)
    {
        if (tokens.ExpiresIn is not { } seconds)
        {
            return false;
        }

        TimeSpan lifetime = TimeSpan.FromSeconds(seconds);
        TimeSpan margin = TimeSpan.FromSeconds(Math.Min(30, seconds / 2.0));
        return time.GetUtcNow() >= tokens.ObtainedAt + lifetime - margin;
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Obtained an access token for {Endpoint} with the {Grant} grant; it expires in {ExpiresIn} s.")]
        public static partial void TokenObtained(ILogger logger, string endpoint, string grant, int? expiresIn);

        [LoggerMessage(31, LogLevel.Debug, "No grant of McpSdk's own applies to {Endpoint}: {Reason}. The 401 goes to the authorization-code flow, if configured.")]
        public static partial void NoGrantApplies(ILogger logger, string endpoint, string reason);
    }
}
