using System;
using ModelContextProtocol;

namespace McpSdk;

/// <summary>
/// The base of every exception McpSdk raises. It derives from the official SDK's <see cref="McpException"/>,
/// so a handler written for the SDK also sees ours.
/// </summary>
public class McpSdkException : McpException
{
    /// <summary>Creates the exception for a failed call of <paramref name="toolName"/>.</summary>
    public McpSdkException(string toolName, string message, Exception? innerException = null)
        : base(message, innerException) => ToolName = toolName;

    /// <summary>Creates the exception for a failure that is not one tool call's, such as authorizing a connection.</summary>
    protected McpSdkException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The MCP tool whose call failed; <see langword="null"/> when the failure belongs to the connection rather than to a
    /// call (for example <see cref="McpAuthorizationException"/> while a session opens).
    /// </summary>
    public string? ToolName { get; }
}
