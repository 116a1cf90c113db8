using System;

namespace McpSdk;

/// <summary>An MCP task as the server last described it (<c>tasks/get</c> or <c>notifications/tasks/status</c>).</summary>
/// <param name="TaskId">The server's id for the task.</param>
/// <param name="State">Where it stands.</param>
/// <param name="StatusMessage">The server's description of the current step or of the ending, if it sent one.</param>
/// <param name="PollInterval">How often the server asks to be polled, if it said.</param>
/// <param name="TimeToLive">How long the server keeps the task after creation, if it said.</param>
public sealed record McpTaskStatus(string TaskId, McpTaskState State, string? StatusMessage, TimeSpan? PollInterval, TimeSpan? TimeToLive)
{
    /// <summary>Whether the task has ended (<see cref="McpTaskState.Completed"/>, <see cref="McpTaskState.Failed"/> or <see cref="McpTaskState.Cancelled"/>).</summary>
    public bool IsTerminal => State is McpTaskState.Completed or McpTaskState.Failed or McpTaskState.Cancelled;
}
