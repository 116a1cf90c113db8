namespace McpSdk;

/// <summary>What a call does when the tool's rate limit has no permit left.</summary>
public enum RateLimitMode
{
    /// <summary>Wait in the queue until a permit is replenished (the default).</summary>
    Wait = 0,

    /// <summary>Fail at once with <see cref="McpRateLimitedException"/>.</summary>
    Reject = 1,
}
