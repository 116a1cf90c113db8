using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine.Tasks;
using McpSdk.Sessions;

namespace McpSdk.Core;

/// <summary>
/// What a connection's server says about tasks, learned once from the first session that needs it: whether it runs
/// <c>tools/call</c> as tasks (the <c>tasks</c> capability) and each tool's <c>execution.taskSupport</c>. Every session
/// of a connection talks to the same server, so one answer serves them all. A failed learning is forgotten, so the next
/// call asks again.
/// </summary>
internal sealed class ServerTaskSupport
{
    private volatile Table? _known;
    private readonly Lock _gate = new();
    private Task<Table>? _learning;

    /// <summary>
    /// Whether a call of <paramref name="toolName"/> that does not insist on a task may skip the question: the answer is
    /// known, and the tool does not require a task. One volatile read (and a lookup where the server has task tools).
    /// </summary>
    public bool SurelyPlain(string toolName, bool runAsTask) =>
        !runAsTask && _known is { } known && (!known.AnyTaskTool || known.SupportOf(toolName) != ToolTaskSupport.Required);

    /// <summary>
    /// The answer, asking <paramref name="session"/>'s server the first time. Completes synchronously unless a
    /// <c>tools/list</c> has to be sent (the server runs tool calls as tasks): a call on any other server never hops.
    /// </summary>
    public ValueTask<Table> LearnAsync(IMcpSession session, CancellationToken cancellationToken)
    {
        if (_known is { } known)
        {
            return new ValueTask<Table>(known);
        }

        if (session is not ITaskSession { RunsToolCallsAsTasks: true } tasks)
        {
            var table = new Table(LeanEngine: session is ITaskSession, ServerRunsTasks: false, FrozenDictionary<string, ToolTaskSupport>.Empty);
            _known = table;
            return new ValueTask<Table>(table);
        }

        TaskCompletionSource<Table>? mine = null;
        Task<Table> learning;
        lock (_gate)
        {
            if (_learning is null)
            {
                mine = new TaskCompletionSource<Table>(TaskCreationOptions.RunContinuationsAsynchronously);
                _learning = mine.Task;
            }

            learning = _learning;
        }

        if (mine is not null)
        {
            _ = ListAsync(tasks, mine); // outside the lock; it completes mine whatever happens
        }

        return new ValueTask<Table>(learning.WaitAsync(cancellationToken));
    }

    private async Task ListAsync(ITaskSession session, TaskCompletionSource<Table> learning)
    {
        try
        {
            // Not a caller's token: the answer is shared. A session that ends fails the request, so it cannot hang.
            IReadOnlyDictionary<string, ToolTaskSupport> tools = await session.ListToolTaskSupportAsync(CancellationToken.None).ConfigureAwait(false);
            var table = new Table(LeanEngine: true, ServerRunsTasks: true, tools.ToFrozenDictionary(StringComparer.Ordinal));
            _known = table;
            learning.SetResult(table);
        }
        catch (Exception error)
        {
            // Forgotten, so the next call asks again (on a session that lives).
            lock (_gate)
            {
                _learning = null;
            }

            learning.SetException(error);
        }
    }

    /// <summary>One server's answer.</summary>
    /// <param name="LeanEngine">Whether the sessions are the lean engine's (the SDK engine cannot run tasks).</param>
    /// <param name="ServerRunsTasks">The <c>tasks.requests.tools.call</c> capability.</param>
    /// <param name="Tools">Each listed tool's support; a tool not listed is forbidden.</param>
    internal sealed record Table(bool LeanEngine, bool ServerRunsTasks, FrozenDictionary<string, ToolTaskSupport> Tools)
    {
        public bool AnyTaskTool { get; } = ServerRunsTasks && HasTaskTool(Tools);

        public ToolTaskSupport SupportOf(string toolName) => Tools.GetValueOrDefault(toolName);

        private static bool HasTaskTool(FrozenDictionary<string, ToolTaskSupport> tools)
        {
            foreach (ToolTaskSupport support in tools.Values)
            {
                if (support != ToolTaskSupport.Forbidden)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
