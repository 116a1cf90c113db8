using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk.Authorization;

/// <summary>A form POST to an OAuth token endpoint and its answer read as a <see cref="TokenContainer"/>.</summary>
internal static class TokenRequest
{
    public static async Task<TokenContainer> SendAsync(
        HttpClient http, Uri tokenEndpoint, IEnumerable<KeyValuePair<string, string>> form, (string Id, string Secret)? basic,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (basic is { } credentials)
        {
            // RFC 6749, 2.3.1: both parts form-encoded before joining.
            string pair = Uri.EscapeDataString(credentials.Id) + ":" + Uri.EscapeDataString(credentials.Secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        string where = tokenEndpoint.GetLeftPart(UriPartial.Path);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new McpAuthorizationException($"The token endpoint {where} answered {(int)response.StatusCode} with a body that is not JSON.");
        }

        if (!response.IsSuccessStatusCode || root.ValueKind != JsonValueKind.Object)
        {
            // The server's error code and description say what to fix; they carry no credential of ours.
            string error = ReadString(root, "error") ?? "no error code";
            string? description = ReadString(root, "error_description");
            throw new McpAuthorizationException(
                $"The token endpoint {where} refused the request ({(int)response.StatusCode}, {error}{(description is null ? string.Empty : ": " + description)}). Check the client id, credentials and scopes configured in McpOAuthOptions.");
        }

        string accessToken = ReadString(root, "access_token")
            ?? throw new McpAuthorizationException($"The token endpoint {where} answered without an access_token.");
        return new TokenContainer
        {
            AccessToken = accessToken,
            TokenType = ReadString(root, "token_type") ?? "Bearer",
            RefreshToken = ReadString(root, "refresh_token"),
            ExpiresIn = root.TryGetProperty("expires_in", out JsonElement expires) && expires.TryGetInt32(out int seconds) ? seconds : null,
            Scope = ReadString(root, "scope"),
            ObtainedAt = now,
        };
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
