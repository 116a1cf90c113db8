using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Engine;

/// <summary>The scripted HTTP server's tools.</summary>
[McpClient]
public interface IScriptedHttpTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("ask")]
    Task<string> AskAsync(CancellationToken cancellationToken = default);

    [McpTool("resume")]
    Task<string> ResumeAsync(CancellationToken cancellationToken = default);

    [McpTool("big")]
    Task<string> BigAsync(CancellationToken cancellationToken = default);

    [McpTool("small")]
    Task<string> SmallAsync(CancellationToken cancellationToken = default);
}
