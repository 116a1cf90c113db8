using System;

namespace McpSdk;

/// <summary>
/// OAuth authorization for an HTTP endpoint failed: metadata could not be discovered, the authorization server refused a
/// token request, or the user declined (then <see cref="McpSdkException.ToolName"/> is <see langword="null"/>); or the
/// server refused a tool call with 401 or 403 even after a fresh token (then it names the tool). The message names the
/// step and the server's error code or status, never a secret. <c>[Retry]</c> does not retry it.
/// </summary>
public sealed class McpAuthorizationException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpAuthorizationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a call of <paramref name="toolName"/> that the server refused (401 or 403).</summary>
    internal McpAuthorizationException(string toolName, string message, Exception? innerException)
        : base(toolName, message, innerException)
    {
    }
}
