using System;

namespace McpSdk;

/// <summary>
/// The OAuth <c>client_credentials</c> grant (a service acting as itself): the client authenticates at the token
/// endpoint with <see cref="McpOAuthOptions.ClientId"/> and either <see cref="McpOAuthOptions.ClientSecret"/> or a
/// signed JWT assertion from <see cref="PrivateKeyPem"/> (<c>private_key_jwt</c>, RFC 7523).
/// </summary>
public sealed class McpClientCredentialsOptions
{
    /// <summary>How the client authenticates at the token endpoint; by default the best one the server advertises.</summary>
    public McpTokenEndpointAuthMethod AuthMethod { get; set; } = McpTokenEndpointAuthMethod.Automatic;

    /// <summary>
    /// The PEM-encoded private key (PKCS#8, or SEC1/PKCS#1) that signs <c>private_key_jwt</c> assertions: an EC P-256
    /// key signs with ES256, an RSA key with RS256. Treated as a secret: never logged.
    /// </summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>The <c>kid</c> header of the assertion, when the authorization server needs it to pick the key.</summary>
    public string? KeyId { get; set; }

    /// <summary>How long a signed assertion is valid; 5 minutes by default.</summary>
    public TimeSpan AssertionLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
