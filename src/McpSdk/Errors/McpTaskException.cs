using System;

namespace McpSdk;

/// <summary>
/// A call made as an MCP task could not end with the tool's value for a reason of the task's own: it was cancelled by
/// someone other than the caller, the server no longer knows its id, or the server cannot run the tool as a task.
/// A task that failed raises <see cref="McpToolException"/> instead.
/// </summary>
public sealed class McpTaskException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpTaskException(string toolName, string? taskId, McpTaskState? state, string message, Exception? innerException = null)
        : base(toolName, message, innerException)
    {
        TaskId = taskId;
        State = state;
    }

    /// <summary>The server's id for the task; <see langword="null"/> when none was created.</summary>
    public string? TaskId { get; }

    /// <summary>The task's last known state, where the server reported one.</summary>
    public McpTaskState? State { get; }
}
