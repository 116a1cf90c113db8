using System;
using StackExchange.Redis;

namespace McpSdk;

/// <summary>
/// Where a connection's fleet-scoped limits (<see cref="McpLimitScope.Fleet"/>) live: a Redis shared by every replica,
/// and a key prefix naming the fleet. Every connection with the same prefix on the same Redis shares each fleet-scoped
/// tool's slots and rate window.
/// </summary>
/// <example>
/// <code>
/// var options = new McpConnectionOptions
/// {
///     Fleet = new McpFleetOptions { Redis = "redis.internal:6379", KeyPrefix = "billing-search", ExpectedReplicas = 4 },
/// };
/// </code>
/// </example>
public sealed class McpFleetOptions
{
    private string _keyPrefix = "mcpsdk";
    private TimeSpan _slotLease = TimeSpan.FromSeconds(30);
    private int _expectedReplicas = 1;
    private TimeSpan _pollInterval = TimeSpan.FromMilliseconds(20);
    private TimeSpan _retryRedisAfter = TimeSpan.FromSeconds(1);
    private TimeSpan _operationTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>"localhost:6379"</c> or <c>"redis:6380,ssl=true,password=…"</c>.
    /// The connection opens its own multiplexer from it (commands fail fast while Redis is unreachable, so a call never
    /// waits on a backlog). Ignored when <see cref="Multiplexer"/> is set.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// A multiplexer the application already has (shared, not disposed by the connection). Set
    /// <c>BacklogPolicy = BacklogPolicy.FailFast</c> on it, or calls wait out its backlog while Redis is down.
    /// </summary>
    public IConnectionMultiplexer? Multiplexer { get; set; }

    /// <summary>Names the fleet: the Redis keys are <c>{prefix}:{tool}:…</c>. <c>"mcpsdk"</c> by default.</summary>
    public string KeyPrefix
    {
        get => _keyPrefix;
        set => _keyPrefix = !string.IsNullOrWhiteSpace(value) ? value : throw new ArgumentException("A fleet key prefix must not be empty.", nameof(KeyPrefix));
    }

    /// <summary>
    /// How long a fleet slot outlives the process holding it (30 s by default): a replica that dies mid-call gives its
    /// slots back within this time. Live holders renew their slots every third of it, so a call may run longer.
    /// </summary>
    public TimeSpan SlotLease
    {
        get => _slotLease;
        set => _slotLease = value >= TimeSpan.FromMilliseconds(300) ? value : throw new ArgumentOutOfRangeException(nameof(SlotLease), value, "Must be at least 300 ms.");
    }

    /// <summary>What fleet-scoped calls do while Redis cannot be reached; <see cref="McpFleetFailureMode.FailOpen"/> by default.</summary>
    public McpFleetFailureMode FailureMode { get; set; }

    /// <summary>
    /// The replicas expected to share the fleet (1 by default). While Redis is unreachable in
    /// <see cref="McpFleetFailureMode.FailOpen"/> mode, each process runs under its local share: the fleet limit divided
    /// by this, rounded down, and at least 1. Set it to the replica count, or the fleet exceeds its limit in an outage.
    /// </summary>
    public int ExpectedReplicas
    {
        get => _expectedReplicas;
        set => _expectedReplicas = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ExpectedReplicas), value, "Must be at least 1.");
    }

    /// <summary>
    /// How often a call that found the fleet's slots full asks Redis again at the latest (20 ms by default, with jitter):
    /// a slot returned by any replica wakes it sooner (Redis pub/sub), and a call waiting for a rate permit asks when
    /// Redis said one frees up.
    /// </summary>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        set => _pollInterval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(PollInterval), value, "Must be positive.");
    }

    /// <summary>After Redis failed a call, how long calls skip it before trying it again (1 s by default).</summary>
    public TimeSpan RetryRedisAfter
    {
        get => _retryRedisAfter;
        set => _retryRedisAfter = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RetryRedisAfter), value, "Must not be negative.");
    }

    /// <summary>
    /// How long a call waits for one answer from Redis (1 s by default): past it Redis counts as unreachable and the call
    /// falls back as <see cref="FailureMode"/> says, even when Redis accepts the connection but never answers (a hung or
    /// paused server). A call asks at most twice before it is admitted or falls back (a slot, then a rate permit), so a
    /// silent Redis delays it at most twice this; calls in the next <see cref="RetryRedisAfter"/> do not ask at all.
    /// </summary>
    public TimeSpan OperationTimeout
    {
        get => _operationTimeout;
        set => _operationTimeout = value > TimeSpan.Zero && value <= TimeSpan.FromMinutes(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(OperationTimeout), value, "Must be positive and at most a minute.");
    }

    /// <summary>The local share of <paramref name="limit"/> while Redis is unreachable: limit / replicas, at least 1.</summary>
    internal int LocalShare(int limit) => Math.Max(1, limit / _expectedReplicas);
}
