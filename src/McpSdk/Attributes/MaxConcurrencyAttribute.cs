using System;

namespace McpSdk;

/// <summary>
/// At most <see cref="Limit"/> calls of the tool run at once across the whole connection; further calls wait in
/// the queue. On an interface it is the default for every method without its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class MaxConcurrencyAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="limit">The most calls in flight at once; at least 1.</param>
    public MaxConcurrencyAttribute(int limit) => Limit = limit;

    /// <summary>The most calls in flight at once.</summary>
    public int Limit { get; }

    /// <summary>
    /// Whom the limit counts: this connection (the default) or, with <see cref="McpLimitScope.Fleet"/>, every replica
    /// sharing the connection's <see cref="McpConnectionOptions.Fleet"/> Redis (slots leased there).
    /// </summary>
    public McpLimitScope Scope { get; set; } = McpLimitScope.Connection;
}
