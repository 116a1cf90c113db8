namespace McpSdk;

/// <summary>What a fleet-scoped call does while the fleet's Redis cannot be reached.</summary>
public enum McpFleetFailureMode
{
    /// <summary>
    /// Run under this process's share of the limit (<see cref="McpFleetOptions.ExpectedReplicas"/>), log a warning, and
    /// go back to Redis once it answers again (the default).
    /// </summary>
    FailOpen = 0,

    /// <summary>Fail at once with <see cref="McpRateLimitedException"/> naming the fleet; nothing runs unlimited.</summary>
    FailClosed = 1,
}
