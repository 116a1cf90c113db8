// Scaffolded by 'mcpsdk scaffold' from the MCP server task-server 1.0.0 (4 tools).
// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].
// Tools without an output schema return their text content; one that answers with images or resources needs
// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.
#nullable enable

using System.Threading;
using System.Threading.Tasks;
using McpSdk;

namespace Tasks;

/// <summary>The tools of the MCP server task-server 1.0.0.</summary>
[McpClient]
public interface ITaskTools
{
    /// <summary>Researches a topic for minutes.</summary>
    /// <param name="topic">The <c>topic</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>tasks/cancel</c>).</param>
    /// <remarks>
    /// The server runs this tool only as an MCP task (<c>execution.taskSupport</c> is <c>required</c>): the call polls
    /// the task to its end. To start it now and collect the result later, return <c>Task&lt;McpTask&lt;T&gt;&gt;</c>
    /// instead.
    /// </remarks>
    [McpTool("research")]
    [RunAsTask]
    Task<string> ResearchAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Summarizes, quickly or as a task.</summary>
    /// <param name="topic">The <c>topic</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    /// <remarks>
    /// The server can run this tool as an MCP task (<c>execution.taskSupport</c> is <c>optional</c>): add
    /// <c>[RunAsTask]</c> for calls that may outlive a request, or return <c>Task&lt;McpTask&lt;T&gt;&gt;</c> to
    /// collect the result later.
    /// </remarks>
    [McpTool("summarize")]
    Task<string> SummarizeAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Echoes at once.</summary>
    /// <param name="topic">The <c>topic</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("echo")]
    Task<string> EchoAsync(string topic, CancellationToken cancellationToken = default);

    /// <summary>Says nothing about tasks.</summary>
    /// <param name="topic">The <c>topic</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("ping")]
    Task<string> PingAsync(string topic, CancellationToken cancellationToken = default);
}
