using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Authorization;

/// <summary>What a protected MCP server says about itself (RFC 9728), reduced to what a grant needs.</summary>
internal sealed record ProtectedResource(Uri Resource, IReadOnlyList<Uri> AuthorizationServers, IReadOnlyList<string> ScopesSupported);

/// <summary>What an authorization server says about itself (RFC 8414), reduced to what a grant needs.</summary>
internal sealed record AuthorizationServer(
    Uri Issuer, Uri TokenEndpoint, IReadOnlyList<string> GrantTypes, IReadOnlyList<string> AuthMethods, IReadOnlyList<string> SigningAlgorithms)
{
    public bool Supports(string grantType) => GrantTypes.Contains(grantType);
}

/// <summary>
/// Discovery of the protected-resource and authorization-server metadata from a 401, in the order the MCP
/// authorization spec gives: the challenge's <c>resource_metadata</c>, else the path-based then the root well-known
/// URI; for the authorization server, the RFC 8414 path-inserted URIs (OAuth, then OpenID Connect) before the
/// OpenID Connect path-appended one, and the root only for an issuer without a path.
/// </summary>
internal static partial class OAuthMetadata
{
    /// <summary>The <c>resource_metadata</c> and <c>scope</c> parameters of a Bearer challenge.</summary>
    public static (Uri? ResourceMetadata, string? Scope) ReadChallenge(HttpResponseMessage response)
    {
        Uri? metadata = null;
        string? scope = null;
        foreach (AuthenticationHeaderValue challenge in response.Headers.WwwAuthenticate)
        {
            if (!string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is null)
            {
                continue;
            }

            foreach (Match parameter in ChallengeParameter().Matches(challenge.Parameter))
            {
                string value = parameter.Groups[2].Success ? parameter.Groups[2].Value : parameter.Groups[3].Value;
                switch (parameter.Groups[1].Value.ToLowerInvariant())
                {
                    case "resource_metadata" when Uri.TryCreate(value, UriKind.Absolute, out Uri? uri):
                        metadata = uri;
                        break;
                    case "scope":
                        scope = value;
                        break;
                }
            }
        }

        return (metadata, scope);
    }

    public static async Task<ProtectedResource?> FetchProtectedResourceAsync(
        HttpClient http, Uri endpoint, Uri? fromChallenge, CancellationToken cancellationToken)
    {
        var candidates = new List<Uri>(3);
        if (fromChallenge is not null)
        {
            candidates.Add(fromChallenge);
        }
        else
        {
            string path = endpoint.AbsolutePath.TrimEnd('/');
            if (path.Length > 0)
            {
                candidates.Add(new Uri(endpoint, "/.well-known/oauth-protected-resource" + path));
            }

            candidates.Add(new Uri(endpoint, "/.well-known/oauth-protected-resource"));
        }

        foreach (Uri candidate in candidates)
        {
            using JsonDocument? document = await GetJsonAsync(http, candidate, cancellationToken).ConfigureAwait(false);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root && ReadUri(root, "resource") is { } resource)
            {
                var servers = new List<Uri>();
                if (root.TryGetProperty("authorization_servers", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement item in list.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String && Uri.TryCreate(item.GetString(), UriKind.Absolute, out Uri? server))
                        {
                            servers.Add(server);
                        }
                    }
                }

                return new ProtectedResource(resource, servers, ReadStrings(root, "scopes_supported"));
            }
        }

        return null;
    }

    public static async Task<AuthorizationServer?> FetchAuthorizationServerAsync(HttpClient http, Uri issuer, CancellationToken cancellationToken)
    {
        string path = issuer.AbsolutePath.TrimEnd('/');
        Uri[] candidates = path.Length == 0
            ? [new Uri(issuer, "/.well-known/oauth-authorization-server"), new Uri(issuer, "/.well-known/openid-configuration")]
            : [
                new Uri(issuer, "/.well-known/oauth-authorization-server" + path),
                new Uri(issuer, "/.well-known/openid-configuration" + path),
                new Uri(issuer, path + "/.well-known/openid-configuration"),
            ];
        foreach (Uri candidate in candidates)
        {
            using JsonDocument? document = await GetJsonAsync(http, candidate, cancellationToken).ConfigureAwait(false);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root && ReadUri(root, "token_endpoint") is { } tokenEndpoint)
            {
                return new AuthorizationServer(
                    ReadUri(root, "issuer") ?? issuer,
                    tokenEndpoint,
                    ReadStrings(root, "grant_types_supported"),
                    ReadStrings(root, "token_endpoint_auth_methods_supported"),
                    ReadStrings(root, "token_endpoint_auth_signing_alg_values_supported"));
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="resource"/> names <paramref name="endpoint"/> or a parent of it (same origin, path prefix).</summary>
    public static bool Covers(Uri resource, Uri endpoint)
    {
        if (!string.Equals(resource.GetLeftPart(UriPartial.Authority), endpoint.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string parent = resource.AbsolutePath.TrimEnd('/');
        string path = endpoint.AbsolutePath.TrimEnd('/');
        return path.Length == parent.Length
            ? string.Equals(path, parent, StringComparison.Ordinal)
            : path.StartsWith(parent + "/", StringComparison.Ordinal);
    }

    private static async Task<JsonDocument?> GetJsonAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or JsonException)
        {
            return null; // try the next location
        }
    }

    private static Uri? ReadUri(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            && Uri.TryCreate(value.GetString(), UriKind.Absolute, out Uri? uri) ? uri : null;

    private static string[] ReadStrings(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var values = new List<string>(list.GetArrayLength());
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
        }

        return [.. values];
    }

    [GeneratedRegex("""([A-Za-z_]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))""")]
    private static partial Regex ChallengeParameter();
}
