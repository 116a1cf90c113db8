using System;
using ModelContextProtocol.Authentication;

namespace McpSdk.Authorization;

/// <summary>Reads the authorization server's answer from the query of the redirect URI it sent the user agent to.</summary>
internal static class AuthorizationRedirect
{
    public static AuthorizationResult? Read(Uri redirect)
    {
        string? code = null, state = null, issuer = null, error = null;
        foreach (string pair in redirect.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            switch (name)
            {
                case "code": code = value; break;
                case "state": state = value; break;
                case "iss": issuer = value; break;
                case "error": error = value; break;
            }
        }

        if (error is not null)
        {
            // The error code is the server's, not a secret; the code never travels with an error.
            throw new McpAuthorizationException($"The authorization server refused the authorization request: {error}.");
        }

        return code is null ? null : new AuthorizationResult { Code = code, State = state, Iss = issuer };
    }
}
