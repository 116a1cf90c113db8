using System;

namespace McpSdk.Authorization;

/// <summary>The grants McpSdk runs itself, beside the official SDK's authorization-code flow.</summary>
internal enum GrantKind
{
    ClientCredentials,
    CrossAppAccess,
}

/// <summary>What discovery decided for an endpoint: which grant, at which authorization server, for which resource and scope.</summary>
internal sealed record GrantPlan(GrantKind Kind, Uri Resource, Uri AuthorizationServerUrl, AuthorizationServer Server, string? Scope, McpTokenEndpointAuthMethod AuthMethod)
{
    public string Describe() => Kind == GrantKind.CrossAppAccess
        ? "cross-app access"
        : "client_credentials (" + AuthMethod switch
        {
            McpTokenEndpointAuthMethod.ClientSecretPost => "client_secret_post",
            McpTokenEndpointAuthMethod.PrivateKeyJwt => "private_key_jwt",
            _ => "client_secret_basic",
        } + ")";
}
