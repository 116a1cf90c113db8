using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Endpoints;

/// <summary>server-everything's <c>get-env</c>: the server process's environment, as JSON text.</summary>
[McpClient]
public interface IEnvTools
{
    [McpTool("get-env")]
    Task<string> GetEnvAsync(CancellationToken cancellationToken = default);
}
