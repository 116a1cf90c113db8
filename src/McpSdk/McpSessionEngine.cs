namespace McpSdk;

/// <summary>Which engine moves a connection's MCP messages (<see cref="McpConnectionOptions.Engine"/>).</summary>
public enum McpSessionEngine
{
    /// <summary>
    /// McpSdk's lean engine wherever it goes (stdio and Streamable HTTP servers), the official SDK's engine everywhere else
    /// (legacy HTTP+SSE, endpoints with an OAuth redirect URI, in-process servers, custom transports; the list is in
    /// docs/ENGINES.md).
    /// </summary>
    Auto = 0,

    /// <summary>
    /// McpSdk's lean engine: replies completed on the thread that read them (a reader thread per stdio session, the
    /// thread that read the HTTP response), without a thread-pool hop, and requests written from pre-serialised arguments. Opening a session where it does not go fails with a message naming the
    /// endpoint.
    /// </summary>
    Lean = 1,

    /// <summary>The official SDK's client engine (<c>ModelContextProtocol.Client.McpClient</c>).</summary>
    Sdk = 2,
}
