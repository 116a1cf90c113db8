using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Tasks;

/// <summary>The fault server's task tool that asks for input the stateless way (<c>task-ask</c>).</summary>
[McpClient]
public interface IStatelessTaskTools
{
    [McpTool("task-ask")]
    Task<string> AskAsync(string question, CancellationToken cancellationToken = default);
}
