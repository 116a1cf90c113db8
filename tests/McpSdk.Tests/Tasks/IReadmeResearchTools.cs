using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// The README's "Long-running tools" interface, shape for shape (there named <c>IResearchTools</c>): the tests that use
/// it prove the README's example against the real server.
/// </summary>
[McpClient]
public interface IReadmeResearchTools
{
    [McpTool("simulate-research-query"), RunAsTask(TimeToLiveSeconds = 600)]   // the server keeps it 10 minutes
    Task<string> ResearchAsync(string topic, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

    [McpTool("simulate-research-query")]
    Task<McpTask<string>> StartResearchAsync(string topic, CancellationToken cancellationToken = default);
}
