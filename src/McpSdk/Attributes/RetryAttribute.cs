using System;

namespace McpSdk;

/// <summary>
/// Retries a call whose session was lost or whose transport failed, up to <see cref="MaxAttempts"/> attempts in
/// all, with exponential backoff and jitter. A tool's <c>isError</c> result, a result mismatch, a timeout and the
/// caller's cancellation are never retried. Each attempt queues again; no slot is held while backing off.
/// On an interface it is the default for its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="maxAttempts">Attempts in all, the first included; at least 1.</param>
    public RetryAttribute(int maxAttempts) => MaxAttempts = maxAttempts;

    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The delay before the first retry, in milliseconds; doubled for each next one. 200 by default.</summary>
    public int BaseDelayMilliseconds { get; set; } = 200;
}
