using System;

namespace McpSdk;

/// <summary>
/// The session carrying the call ended (the server process exited, the stream closed, or the HTTP session
/// expired) before the call completed.
/// </summary>
public sealed class McpSessionLostException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpSessionLostException(string toolName, string reason, Exception? innerException = null)
        : base(toolName, $"The MCP session carrying a call of tool '{toolName}' was lost: {reason}", innerException)
    {
    }
}
