namespace McpSdk;

/// <summary>How a client authenticates at the OAuth token endpoint.</summary>
public enum McpTokenEndpointAuthMethod
{
    /// <summary>
    /// <c>private_key_jwt</c> when a private key is configured, otherwise <c>client_secret_basic</c>, or
    /// <c>client_secret_post</c> when the authorization server advertises only that.
    /// </summary>
    Automatic,

    /// <summary>HTTP Basic with the client id and secret (<c>client_secret_basic</c>).</summary>
    ClientSecretBasic,

    /// <summary>The client id and secret in the form body (<c>client_secret_post</c>).</summary>
    ClientSecretPost,

    /// <summary>A JWT signed with the client's private key (<c>private_key_jwt</c>, RFC 7523).</summary>
    PrivateKeyJwt,
}
