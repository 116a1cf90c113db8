using System;
using System.Text.Json;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk.Conformance.Client;

/// <summary>
/// The one OAuth configuration every scenario runs with. What varies is only what the suite hands out in
/// <c>MCP_CONFORMANCE_CONTEXT</c>: a pre-registered client id and secret, a private key, identity-provider details.
/// Which flow runs is the server's answer to the first request, as with any real server.
/// </summary>
internal static class ConformanceAuthorization
{
    /// <summary>The client metadata document URL the suite's CIMD scenario expects as the client id.</summary>
    private static readonly Uri s_clientMetadataDocument = new("https://conformance-test.local/client-metadata.json");

    public static McpOAuthOptions Create(string? contextJson)
    {
        var options = new McpOAuthOptions
        {
            // Users: the authorization-code flow. The suite's authorization servers approve at once, so the headless
            // callback reads the code from the redirect without a browser.
            RedirectUri = new Uri("http://127.0.0.1:3000/callback"),
            AuthorizationCallback = new HeadlessAuthorizationCallback(),
            ClientMetadataDocumentUri = s_clientMetadataDocument,
            DynamicClientRegistration = new DynamicClientRegistrationOptions { ClientName = "mcpsdk-conformance-client" },

            // Services: the client_credentials grant, whenever the server's authorization server offers it.
            ClientCredentials = new McpClientCredentialsOptions(),

            // The 2025-03-26 revision's servers publish no protected-resource metadata.
            AllowLegacyMetadataFallback = true,
        };

        if (string.IsNullOrEmpty(contextJson))
        {
            return options;
        }

        using JsonDocument document = JsonDocument.Parse(contextJson);
        JsonElement context = document.RootElement;
        options.ClientId = Read(context, "client_id");
        options.ClientSecret = Read(context, "client_secret");
        options.ClientCredentials.PrivateKeyPem = Read(context, "private_key_pem");
        if (Read(context, "idp_client_id") is { } idpClientId && Read(context, "idp_id_token") is { } idToken)
        {
            options.CrossAppAccess = new IdentityAssertionGrantProviderOptions
            {
                ClientId = options.ClientId ?? string.Empty,
                ClientSecret = options.ClientSecret,
                IdpClientId = idpClientId,
                IdpUrl = Read(context, "idp_issuer"),
                IdpTokenEndpoint = Read(context, "idp_token_endpoint"),
                IdTokenCallback = (_, _) => Task.FromResult(idToken),
            };
        }

        return options;
    }

    private static string? Read(JsonElement context, string name) =>
        context.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
