namespace McpSdk;

/// <summary>Which engine moves a connection's MCP messages (<see cref="McpConnectionOptions.Engine"/>).</summary>
public enum McpSessionEngine
{
    /// <summary>
    /// McpSdk's lean engine wherever it goes (stdio servers), the official SDK's engine everywhere else (see the README's
    /// "Session engines" for the list).
    /// </summary>
    Auto = 0,

    /// <summary>
    /// McpSdk's lean engine: one reader thread per session, replies completed on it without a thread-pool hop, requests
    /// written from pre-serialised arguments. Opening a session where it does not go fails with a message naming the
    /// endpoint.
    /// </summary>
    Lean = 1,

    /// <summary>The official SDK's client engine (<c>ModelContextProtocol.Client.McpClient</c>).</summary>
    Sdk = 2,
}
