using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Scheduling;

/// <summary>A tool limited to 5 starts per second in one burst.</summary>
[McpClient]
public interface IBurstQuotaTools
{
    [McpTool("shared-quota"), RateLimit(5, PerSeconds = 1)]
    Task<string> QuotaAsync(int id, CancellationToken cancellationToken = default);
}
