using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Tasks;

/// <summary>server-everything's task tool (<c>execution.taskSupport: "required"</c>) as a plain typed method.</summary>
[McpClient]
public interface IResearchTools
{
    [McpTool("simulate-research-query")]
    Task<string> ResearchAsync(string topic, bool ambiguous = false, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);
}

/// <summary>The same tool under a deadline shorter than its four one-second stages.</summary>
[McpClient]
public interface IHurriedResearchTools
{
    [McpTool("simulate-research-query")]
    [Timeout(1_500)]
    Task<string> ResearchAsync(string topic, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);
}
