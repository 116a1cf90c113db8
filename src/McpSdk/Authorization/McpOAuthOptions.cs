using System;
using System.Collections.Generic;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>
/// How an HTTP endpoint authorizes with OAuth (<see cref="McpHttpOptions.OAuth"/>). One set of options covers every
/// flow: a server's first 401 decides which one runs. Client credentials and cross-app access run when you configure
/// them and the server's authorization server offers that grant; otherwise, with a <see cref="RedirectUri"/>, the
/// official SDK runs the authorization-code flow (PKCE, dynamic client registration, client ID metadata documents,
/// scope step-up). Tokens are cached per endpoint (<see cref="TokenCache"/>) and shared by the pool's sessions.
/// </summary>
/// <remarks>
/// Secrets (client secret, private key, tokens) are never logged and never part of an exception message.
/// </remarks>
public sealed class McpOAuthOptions
{
    /// <summary>
    /// Where the authorization server sends the browser back with the code, e.g. <c>http://127.0.0.1:8765/callback</c>.
    /// Setting it enables the authorization-code flow; leave it <see langword="null"/> for a service that only uses
    /// <see cref="ClientCredentials"/> or <see cref="CrossAppAccess"/>.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>
    /// Takes the user through the authorization URL and returns the code, state and issuer from the redirect:
    /// <see cref="LoopbackAuthorizationCallback"/> (a browser and a listener on the loopback redirect URI) or
    /// <see cref="HeadlessAuthorizationCallback"/> (servers that approve without a user, e.g. in tests).
    /// <see langword="null"/> uses the official SDK's default handler.
    /// </summary>
    public IMcpAuthorizationCallback? AuthorizationCallback { get; set; }

    /// <summary>A client id registered with the authorization server beforehand; <see langword="null"/> to register one.</summary>
    public string? ClientId { get; set; }

    /// <summary>The pre-registered client's secret (client credentials and the authorization-code flow), or <see langword="null"/>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// An HTTPS URL of this client's metadata document, used as its client id where the authorization server supports
    /// client ID metadata documents; dynamic registration is the fallback.
    /// </summary>
    public Uri? ClientMetadataDocumentUri { get; set; }

    /// <summary>
    /// What dynamic client registration sends (client name, URI, initial access token), the official SDK's options. The
    /// client registers dynamically whenever it has no <see cref="ClientId"/> and no usable metadata document, with or
    /// without these.
    /// </summary>
    public DynamicClientRegistrationOptions? DynamicClientRegistration { get; set; }

    /// <summary>
    /// The scopes to request; <see langword="null"/> takes them from the server's challenge or its protected-resource
    /// metadata, as the MCP authorization spec recommends.
    /// </summary>
    public IList<string>? Scopes { get; set; }

    /// <summary>The OAuth <c>client_credentials</c> grant for services (no user), with <see cref="ClientId"/>.</summary>
    public McpClientCredentialsOptions? ClientCredentials { get; set; }

    /// <summary>
    /// Cross-app access (enterprise-managed authorization, SEP-990): an identity-provider ID token exchanged for an
    /// authorization grant, then for an access token, run by the official SDK's <see cref="IdentityAssertionGrantProvider"/>.
    /// Used when the server's authorization server offers the JWT-bearer grant.
    /// </summary>
    public IdentityAssertionGrantProviderOptions? CrossAppAccess { get; set; }

    /// <summary>
    /// Where tokens (and dynamically registered client credentials) are kept; <see langword="null"/> keeps them in memory,
    /// per endpoint, for the life of the process.
    /// </summary>
    public IMcpTokenCache? TokenCache { get; set; }

    /// <summary>
    /// Accept servers of the 2025-03-26 revision that publish no protected-resource metadata: the authorization server is
    /// then the MCP server's origin, with metadata at its root or, without metadata, the default <c>/authorize</c>,
    /// <c>/token</c> and <c>/register</c> endpoints. Off by default: PKCE support cannot be verified there.
    /// </summary>
    /// <remarks>
    /// Underneath this sets the official SDK's AppContext switch
    /// <c>ModelContextProtocol.Authentication.AllowLegacyOAuthMetadataFallback</c>, which is process-wide: once a
    /// connection that asks for it opens a session, every OAuth connection in the process may use the fallback.
    /// </remarks>
    public bool AllowLegacyMetadataFallback { get; set; }

    /// <summary>
    /// The clock for token expiry and the token acquisition deadline; <see langword="null"/> for the connection's
    /// <see cref="McpConnectionOptions.TimeProvider"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
