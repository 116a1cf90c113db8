using System;
using ModelContextProtocol;

namespace McpSdk;

/// <summary>
/// The base of every exception McpSdk raises. It derives from the official SDK's <see cref="McpException"/>,
/// so a handler written for the SDK also sees ours.
/// </summary>
public class McpSdkException : McpException
{
    /// <summary>Creates the exception.</summary>
    public McpSdkException(string toolName, string message, Exception? innerException = null)
        : base(message, innerException) => ToolName = toolName;

    /// <summary>The MCP tool whose call failed.</summary>
    public string ToolName { get; }
}
