using System;
using ModelContextProtocol;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine;
using McpSdk.Engine.Tasks;
using McpSdk.Sessions;

namespace McpSdk.Core;

/// <summary>
/// What a connection's server says about its tools, learned once from the first session that needs it: whether it runs
/// <c>tools/call</c> as tasks (the <c>tasks</c> capability) and each tool's <c>execution.taskSupport</c>, and on the
/// stateless form over HTTP which tools put arguments into <c>Mcp-Param-{Name}</c> headers (SEP-2243). Every session of
/// a connection talks to the same server, so one <c>tools/list</c> serves them all; a session gets the header table
/// before its first call of a tool that binds one. A failed learning is forgotten, so the next call asks again.
/// </summary>
internal sealed class ServerTaskSupport
{
    private volatile Table? _known;
    private readonly Lock _gate = new();
    private Task<Table>? _learning;

    /// <summary>
    /// Whether a call of <paramref name="toolName"/> that does not insist on a task may skip the question: the answer is
    /// known, the tool does not require a task, and it binds no header. One volatile read (and a lookup where the server
    /// has task tools or header-bound tools).
    /// </summary>
    public bool SurelyPlain(string toolName, bool runAsTask) =>
        !runAsTask && _known is { } known
        && (!known.AnyTaskTool || known.SupportOf(toolName) != ToolTaskSupport.Required)
        && !known.ParamHeaders.Binds(toolName);

    /// <summary>
    /// The answer, asking <paramref name="session"/>'s server the first time, and the header table handed to
    /// <paramref name="session"/>. Completes synchronously unless a <c>tools/list</c> has to be sent (the server runs tool
    /// calls as tasks, or the session speaks the stateless form over HTTP): a call on any other server never hops.
    /// </summary>
    public ValueTask<Table> LearnAsync(IMcpSession session, CancellationToken cancellationToken)
    {
        if (_known is { } known)
        {
            HandHeaders(known, session);
            return new ValueTask<Table>(known);
        }

        bool runsTasks = session is ITaskSession { RunsToolCallsAsTasks: true };
        if (session is not IServerToolsSession tools || !(runsTasks || tools.BindsParamHeaders))
        {
            Table table = Table.Nothing(leanEngine: session is ITaskSession);
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
            _ = ListAsync(tools, runsTasks, mine); // outside the lock; it completes mine whatever happens
        }

        return tools.BindsParamHeaders
            ? new ValueTask<Table>(HandHeadersAsync(learning.WaitAsync(cancellationToken), session))
            : new ValueTask<Table>(learning.WaitAsync(cancellationToken));
    }

    private static async Task<Table> HandHeadersAsync(Task<Table> learning, IMcpSession session)
    {
        Table table = await learning.ConfigureAwait(false);
        HandHeaders(table, session);
        return table;
    }

    private static void HandHeaders(Table table, IMcpSession session)
    {
        if (!table.ParamHeaders.IsEmpty && session is IServerToolsSession { BindsParamHeaders: true } tools)
        {
            tools.UseParamHeaders(table.ParamHeaders);
        }
    }

    private async Task ListAsync(IServerToolsSession session, bool runsTasks, TaskCompletionSource<Table> learning)
    {
        try
        {
            // Not a caller's token: the answer is shared. A session that ends fails the request, so it cannot hang.
            ServerTools tools = await session.ListServerToolsAsync(CancellationToken.None).ConfigureAwait(false);
            var table = new Table(LeanEngine: true, ServerRunsTasks: runsTasks, tools.TaskSupport, tools.ParamHeaders);
            _known = table;
            learning.SetResult(table);
        }
        catch (Exception refusal) when (!runsTasks && IsRefusal(refusal))
        {
            // Listed only for the headers, and the server refuses tools/list (a JSON-RPC error, or in the stateless form
            // HTTP 400/404/405): it declares no bindings the client could know, so its calls go without them, not fail.
            Table table = Table.Nothing(leanEngine: true);
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

    private static bool IsRefusal(Exception error) => error is McpProtocolException
        or HttpRequestException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed };

    /// <summary>One server's answer.</summary>
    /// <param name="LeanEngine">Whether the sessions are the lean engine's (the SDK engine cannot run tasks).</param>
    /// <param name="ServerRunsTasks">The <c>tasks.requests.tools.call</c> capability.</param>
    /// <param name="Tools">Each listed tool's support; a tool not listed is forbidden.</param>
    /// <param name="ParamHeaders">The tools whose calls carry <c>Mcp-Param-*</c> headers (stateless HTTP sessions only).</param>
    internal sealed record Table(
        bool LeanEngine, bool ServerRunsTasks, FrozenDictionary<string, ToolTaskSupport> Tools, ParamHeaderTable ParamHeaders)
    {
        public bool AnyTaskTool { get; } = ServerRunsTasks && HasTaskTool(Tools);

        /// <summary>The answer when no <c>tools/list</c> is needed, or the server refuses one: no task tools, no headers.</summary>
        public static Table Nothing(bool leanEngine) =>
            new(leanEngine, ServerRunsTasks: false, FrozenDictionary<string, ToolTaskSupport>.Empty, ParamHeaderTable.Empty);

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
