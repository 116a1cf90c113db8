using System;

namespace McpSdk;

/// <summary>
/// A token-bucket limit on call starts: at most <see cref="Permits"/> calls of the tool start in each window of
/// <see cref="PerSeconds"/> seconds. On an interface it is the default for its methods.
/// </summary>
/// <example><c>[RateLimit(5, PerSeconds = 1)]</c>: five starts a second.</example>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class RateLimitAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="permits">Starts allowed per window; at least 1.</param>
    public RateLimitAttribute(int permits) => Permits = permits;

    /// <summary>Starts allowed per window.</summary>
    public int Permits { get; }

    /// <summary>The window's length in seconds; 1 by default, more than 0.</summary>
    public double PerSeconds { get; set; } = 1;

    /// <summary>Whether a call with no permit waits (the default) or is rejected.</summary>
    public RateLimitMode Mode { get; set; } = RateLimitMode.Wait;

    /// <summary>
    /// Whom the limit counts: this connection (the default) or, with <see cref="McpLimitScope.Fleet"/>, every replica
    /// sharing the connection's <see cref="McpConnectionOptions.Fleet"/> Redis (a sliding window there).
    /// </summary>
    public McpLimitScope Scope { get; set; } = McpLimitScope.Connection;
}
