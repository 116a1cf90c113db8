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

    /// <summary>The answer, asking <paramref name="session"/>'s server the first time.</summary>
    public async ValueTask<Table> LearnAsync(IMcpSession session, CancellationToken cancellationToken)
    {
        if (_known is { } known)
        {
            return known;
        }

        Task<Table> learning;
        lock (_gate)
        {
            learning = _learning ??= LearnFromAsync(session);
        }

        try
        {
            return await learning.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (learning.IsFaulted)
        {
            _ = Interlocked.CompareExchange(ref _learning, null, learning);
            throw;
        }
    }

    private async Task<Table> LearnFromAsync(IMcpSession session)
    {
        await Task.Yield(); // never inside the caller that started it, under the lock above
        Table table;
        if (session is not ITaskSession tasks)
        {
            table = new Table(LeanEngine: false, ServerRunsTasks: false, FrozenDictionary<string, ToolTaskSupport>.Empty);
        }
        else if (!tasks.RunsToolCallsAsTasks)
        {
            table = new Table(LeanEngine: true, ServerRunsTasks: false, FrozenDictionary<string, ToolTaskSupport>.Empty);
        }
        else
        {
            // Not the caller's token: the answer is shared. A session that ends fails the request, so it cannot hang.
            IReadOnlyDictionary<string, ToolTaskSupport> tools = await tasks.ListToolTaskSupportAsync(CancellationToken.None).ConfigureAwait(false);
            table = new Table(LeanEngine: true, ServerRunsTasks: true, tools.ToFrozenDictionary(StringComparer.Ordinal));
        }

        _known = table;
        return table;
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
