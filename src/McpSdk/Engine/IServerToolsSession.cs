using System.Collections.Frozen;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine.Tasks;

namespace McpSdk.Engine;

/// <summary>
/// A session whose connection learns the server's tools once (<c>Core/ServerTaskSupport</c>): the lean engine's. One
/// <c>tools/list</c> gives each tool's task support and, on the stateless form over HTTP, its <c>Mcp-Param-*</c> bindings.
/// </summary>
internal interface IServerToolsSession
{
    /// <summary>Whether the session's calls must carry <c>Mcp-Param-{Name}</c> headers: the stateless form over Streamable HTTP.</summary>
    bool BindsParamHeaders { get; }

    /// <summary>Sends <c>tools/list</c> (every page) and reads what the connection keeps of it.</summary>
    Task<ServerTools> ListServerToolsAsync(CancellationToken cancellationToken);

    /// <summary>The connection's table; the session's calls carry the headers it names from here on.</summary>
    void UseParamHeaders(ParamHeaderTable table);
}

/// <summary>What one <c>tools/list</c> says that the connection keeps.</summary>
/// <param name="TaskSupport">Each listed tool's <c>execution.taskSupport</c>; a tool not listed is forbidden.</param>
/// <param name="ParamHeaders">The tools whose arguments go into headers; empty unless the session binds them.</param>
internal sealed record ServerTools(FrozenDictionary<string, ToolTaskSupport> TaskSupport, ParamHeaderTable ParamHeaders);
