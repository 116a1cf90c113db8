using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;

namespace McpSdk.Tests.Scheduling;

/// <summary>Tools with one policy each, for the scheduler tests.</summary>
[McpClient]
public interface IPolicyTools
{
    [McpTool("limited"), MaxConcurrency(3)]
    Task<string> LimitedAsync(int id, CancellationToken cancellationToken = default);

    // Four priorities sharing one tool with a single slot.
    [McpTool("single"), MaxConcurrency(1), Priority(McpPriority.Critical)]
    Task<string> CriticalAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("single"), MaxConcurrency(1), Priority(McpPriority.High)]
    Task<string> HighAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("single"), MaxConcurrency(1)]
    Task<string> NormalAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("single"), MaxConcurrency(1), Priority(McpPriority.Low)]
    Task<string> LowAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("bounded"), MaxConcurrency(1), QueueLimit(2)]
    Task<string> BoundedAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("quota"), RateLimit(5, PerSeconds = 1)]
    Task<string> QuotaAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("quota-strict"), RateLimit(2, PerSeconds = 10, Mode = RateLimitMode.Reject)]
    Task<string> QuotaStrictAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("deadline"), MaxConcurrency(1), Timeout(1_000)]
    Task<string> DeadlineAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("fragile"), Retry(3, BaseDelayMilliseconds = 0)]
    Task<string> FragileAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("fragile-raw"), Retry(3, BaseDelayMilliseconds = 0)]
    Task<CallToolResult> FragileRawAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("backoff"), Retry(4, BaseDelayMilliseconds = 100)]
    Task<string> BackoffAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("free")]
    Task<string> FreeAsync(int id, CancellationToken cancellationToken = default);
}
