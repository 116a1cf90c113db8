using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.FleetHost;

/// <summary>The fault server's counted tools, with the fleet-scoped limits of issue #18's acceptance.</summary>
[McpClient]
public interface IFleetTools
{
    /// <summary>At most 4 running across every replica.</summary>
    [McpTool("counted"), MaxConcurrency(4, Scope = McpLimitScope.Fleet)]
    Task<string> SlotAsync(int ms, CancellationToken cancellationToken = default);

    /// <summary>At most 20 starts a second across every replica.</summary>
    [McpTool("counted-rate"), RateLimit(20, PerSeconds = 1, Scope = McpLimitScope.Fleet)]
    Task<string> RateAsync(int ms, CancellationToken cancellationToken = default);
}
