using System;

namespace McpSdk;

/// <summary>
/// OAuth authorization for an HTTP endpoint failed: metadata could not be discovered, the authorization server refused a
/// token request, or the user declined. The message names the step and the server's error code, never a secret.
/// </summary>
public sealed class McpAuthorizationException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpAuthorizationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
