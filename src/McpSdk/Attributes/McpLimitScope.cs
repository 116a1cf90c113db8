namespace McpSdk;

/// <summary>Whom a <see cref="MaxConcurrencyAttribute"/> or <see cref="RateLimitAttribute"/> limit counts.</summary>
public enum McpLimitScope
{
    /// <summary>The calls of one connection in this process (the default).</summary>
    Connection = 0,

    /// <summary>
    /// The calls of every connection sharing the same <see cref="McpFleetOptions.KeyPrefix"/> on the same Redis, in any
    /// process on any machine: the limit the server itself sets. Needs <see cref="McpConnectionOptions.Fleet"/>.
    /// </summary>
    Fleet = 1,
}
