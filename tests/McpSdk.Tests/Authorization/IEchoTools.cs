using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Authorization;

/// <summary>The protected test server's one tool.</summary>
[McpClient]
public interface IEchoTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);
}
