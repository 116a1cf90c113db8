using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Soak;

/// <summary>What <c>wrong-shape</c> is read as; the fault server answers with a different structuredContent.</summary>
public sealed record SoakShape(string Name, int Count);

/// <summary>
/// The fault server's tools (tests/McpSdk.FaultServer) under the policies the soak mixes. Priority, deadline and retry
/// belong to a method, so several methods call <c>ok</c> with different ones; slot, queue and rate limits belong to a
/// tool name (shared by every method that calls it), so they sit on tools that answer normally when asked to:
/// <c>slow</c> with 0 ms and <c>crash-after</c> with n = <see cref="int.MaxValue"/>.
/// </summary>
[McpClient]
public interface ISoakTools
{
    // The healthy path: one fast tool, five policies.
    [McpTool("ok")]
    Task<string> OkAsync(CancellationToken cancellationToken = default);

    [McpTool("ok")]
    [Priority(McpPriority.Low)]
    Task<string> OkLowAsync(CancellationToken cancellationToken = default);

    [McpTool("ok")]
    [Priority(McpPriority.Critical), Timeout(1_000)]
    Task<string> OkCriticalWithDeadlineAsync(CancellationToken cancellationToken = default);

    [McpTool("ok")]
    [Retry(3, BaseDelayMilliseconds = 20)]
    Task<string> OkRetriedAsync(CancellationToken cancellationToken = default);

    [McpTool("ok")]
    [Priority(McpPriority.High), Timeout(2_000), Retry(3, BaseDelayMilliseconds = 20)]
    Task<string> OkHighWithDeadlineRetriedAsync(CancellationToken cancellationToken = default);

    // Tool limits: at most 4 in flight and 16 waiting (the rest fail with McpQueueFullException)...
    [McpTool("slow")]
    [MaxConcurrency(4), QueueLimit(16)]
    Task<string> LimitedAsync(int ms, CancellationToken cancellationToken = default);

    // ...the same tool, so the same limits, with a deadline shorter than the fault's delay.
    [McpTool("slow")]
    [MaxConcurrency(4), QueueLimit(16), Timeout(300)]
    Task<string> SlowWithDeadlineAsync(int ms, CancellationToken cancellationToken = default);

    // At most 250 starts a second; one more is refused with McpRateLimitedException.
    [McpTool("crash-after")]
    [RateLimit(250, PerSeconds = 1, Mode = RateLimitMode.Reject)]
    Task<string> RateLimitedAsync(int n, CancellationToken cancellationToken = default);

    // The faults.
    [McpTool("crash-now")]
    Task<string> CrashAsync(CancellationToken cancellationToken = default);

    [McpTool("partial")]
    Task<string> PartialAsync(CancellationToken cancellationToken = default);

    [McpTool("hang")]
    [Timeout(250)]
    Task<string> HangWithDeadlineAsync(CancellationToken cancellationToken = default);

    [McpTool("hang")]
    Task<string> HangAsync(CancellationToken cancellationToken = default);

    // Retry must not retry a tool error.
    [McpTool("is-error")]
    [Retry(3, BaseDelayMilliseconds = 20)]
    Task<string> IsErrorAsync(CancellationToken cancellationToken = default);

    [McpTool("wrong-shape")]
    Task<SoakShape> WrongShapeAsync(CancellationToken cancellationToken = default);

    [McpTool("garbage")]
    Task<string> GarbageAsync(CancellationToken cancellationToken = default);

    [McpTool("unknown-id")]
    Task<string> UnknownIdAsync(CancellationToken cancellationToken = default);

    [McpTool("progress-after-result")]
    Task<string> ProgressAfterResultAsync(IProgress<McpProgress> progress, CancellationToken cancellationToken = default);
}
