using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Scheduling;

/// <summary>The same tool and the same rate as <see cref="IBurstQuotaTools"/>, but ten times the burst: the looser bound.</summary>
[McpClient]
public interface ISpreadQuotaTools
{
    [McpTool("shared-quota"), RateLimit(50, PerSeconds = 10)]
    Task<string> QuotaAsync(int id, CancellationToken cancellationToken = default);
}
