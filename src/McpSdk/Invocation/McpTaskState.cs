namespace McpSdk;

/// <summary>Where an MCP task stands (the protocol's <c>status</c>).</summary>
public enum McpTaskState
{
    /// <summary>The server is working on it (<c>working</c>).</summary>
    Working = 0,

    /// <summary>The server waits for an answer to a request it sent (<c>input_required</c>), such as an elicitation.</summary>
    InputRequired = 1,

    /// <summary>Ended with a result (<c>completed</c>).</summary>
    Completed = 2,

    /// <summary>Ended without one (<c>failed</c>).</summary>
    Failed = 3,

    /// <summary>Cancelled before it ended (<c>cancelled</c>).</summary>
    Cancelled = 4,
}
