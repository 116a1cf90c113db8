namespace McpSdk;

/// <summary>
/// The call was refused because the waiting line it would join is full: the tool's <see cref="QueueLimitAttribute"/>
/// or the connection's <c>McpConnectionOptions.QueueLimit</c>. Nothing else was disturbed; try later or raise the bound.
/// </summary>
public sealed class McpQueueFullException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpQueueFullException(string toolName, McpQueueScope scope, int limit)
        : base(toolName, scope == McpQueueScope.Tool
            ? $"Tool '{toolName}' already has {Counted.Calls(limit)} waiting, its [QueueLimit]; the call was not queued. Retry later or raise the limit."
            : $"The connection already has {Counted.Calls(limit)} waiting, its QueueLimit; the call of tool '{toolName}' was not queued. Retry later or raise McpConnectionOptions.QueueLimit.")
    {
        Scope = scope;
        Limit = limit;
    }

    /// <summary>Which bound was reached.</summary>
    public McpQueueScope Scope { get; }

    /// <summary>The bound that was reached.</summary>
    public int Limit { get; }
}

/// <summary>Which waiting line was full.</summary>
public enum McpQueueScope
{
    /// <summary>The tool's own bound (<see cref="QueueLimitAttribute"/>).</summary>
    Tool,

    /// <summary>The connection-wide bound (<see cref="McpConnectionOptions.QueueLimit"/>).</summary>
    Connection,
}
