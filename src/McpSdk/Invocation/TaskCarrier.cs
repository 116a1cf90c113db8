using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Core;
using McpSdk.Engine.Tasks;
using McpSdk.Sessions;

namespace McpSdk.Invocation;

/// <summary>
/// The session a task is followed on, and what happens when it is lost: over Streamable HTTP the task lives on in the
/// server, so following resumes on another live session of the pool while the call keeps its slots; over stdio the
/// process took the task with it, and the call fails as a lost session (which <c>[Retry]</c> may retry).
/// </summary>
internal sealed class TaskCarrier : IDisposable
{
    private readonly ConnectionCore _core;
    private readonly string _toolName;
    private readonly CallLease _lease;
    private readonly bool _ownsLease;
    private PooledSession? _borrowed;

    /// <param name="core">The connection.</param>
    /// <param name="toolName">For messages.</param>
    /// <param name="lease">The call's admission; its session carries the task first.</param>
    /// <param name="ownsLease">Whether disposing the carrier gives the lease back (a handle's wait), or its caller does.</param>
    public TaskCarrier(ConnectionCore core, string toolName, CallLease lease, bool ownsLease)
    {
        _core = core;
        _toolName = toolName;
        _lease = lease;
        _ownsLease = ownsLease;
    }

    /// <summary>The session the task's requests go to now.</summary>
    public IMcpSession Session => _borrowed?.Session ?? _lease.Session;

    /// <summary>The session, as one that speaks the tasks utility.</summary>
    public ITaskSession Tasks => Session as ITaskSession ?? throw LeanEngineOnly(_toolName, taskId: null);

    /// <summary>
    /// The current session was lost under a task request: suspect it, then carry on on another one (HTTP), or fail as
    /// a lost session (stdio).
    /// </summary>
    /// <exception cref="McpSessionLostException">The task (<paramref name="taskId"/>) did not outlive its session, or no session can follow it.</exception>
    public async ValueTask ResumeElsewhereAsync(Exception loss, string taskId, CancellationToken cancellationToken)
    {
        IMcpSession lost = Session;
        bool outlives = lost is ITaskSession { TasksOutliveSession: true };
        if (_borrowed is { } borrowed)
        {
            _borrowed = null;
            _core.Pool.Suspect(borrowed);
            _core.ReturnBorrowed(borrowed);
        }
        else
        {
            _lease.SessionLost();
        }

        if (!outlives || _core.IsDisposed)
        {
            string reason = _core.IsDisposed ? "the connection was disposed" : lost.DescribeEnd() ?? loss.Message;
            throw new McpSessionLostException(_toolName, reason + " (a stdio server's tasks end with its process)", loss);
        }

        _borrowed = await _core.BorrowSessionAsync(_toolName, taskId, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_borrowed is { } borrowed)
        {
            _borrowed = null;
            _core.ReturnBorrowed(borrowed);
        }

        if (_ownsLease)
        {
            _lease.Dispose();
        }
    }

    /// <summary>The error for a task on the official SDK's engine, which has no tasks support.</summary>
    public static McpTaskException LeanEngineOnly(string toolName, string? taskId) =>
        new(toolName, taskId, state: null,
            $"Tool '{toolName}' must run as an MCP task, and the connection's sessions run on the official SDK's engine, which cannot: " +
            "set McpConnectionOptions.Engine to McpSessionEngine.Auto or Lean.");
}
