using System;
using System.ComponentModel;

namespace McpSdk.Invocation;

/// <summary>
/// The concurrency policy of one interface method, precomputed by the source generator from its attributes
/// (method attributes override interface attributes). Immutable; one static instance per method.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CallPolicy
{
    private readonly int? _maxConcurrency;
    private readonly int? _rateLimitPermits;
    private readonly TimeSpan _rateLimitWindow = TimeSpan.FromSeconds(1);
    private readonly TimeSpan? _timeout;
    private readonly int _maxAttempts = 1;
    private readonly TimeSpan _retryBaseDelay = TimeSpan.FromMilliseconds(200);
    private readonly int? _queueLimit;
    private readonly TimeSpan _taskTimeToLive = TimeSpan.FromHours(1);

    /// <summary>No limits, normal priority, one attempt.</summary>
    public static CallPolicy Default { get; } = new();

    /// <summary>The most calls of the tool in flight at once; <see langword="null"/> for no limit.</summary>
    public int? MaxConcurrency
    {
        get => _maxConcurrency;
        init => _maxConcurrency = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), value, "Must be at least 1.");
    }

    /// <summary>Whom <see cref="MaxConcurrency"/> counts: this connection, or the fleet on Redis.</summary>
    public McpLimitScope MaxConcurrencyScope { get; init; }

    /// <summary>The calls' place in the queue.</summary>
    public McpPriority Priority { get; init; } = McpPriority.Normal;

    /// <summary>Starts allowed per <see cref="RateLimitWindow"/>; <see langword="null"/> for no rate limit.</summary>
    public int? RateLimitPermits
    {
        get => _rateLimitPermits;
        init => _rateLimitPermits = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(RateLimitPermits), value, "Must be at least 1.");
    }

    /// <summary>The rate limit's window.</summary>
    public TimeSpan RateLimitWindow
    {
        get => _rateLimitWindow;
        init => _rateLimitWindow = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RateLimitWindow), value, "Must be positive.");
    }

    /// <summary>Whom the rate limit counts: this connection, or the fleet on Redis.</summary>
    public McpLimitScope RateLimitScope { get; init; }

    /// <summary>Whether a call with no rate-limit permit waits or is rejected.</summary>
    public RateLimitMode RateLimitMode { get; init; }

    /// <summary>The deadline over queueing and execution; <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        init => _timeout = value is null || value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Timeout), value, "Must be positive.");
    }

    /// <summary>Attempts in all; 1 means no retry.</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        init => _maxAttempts = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "Must be at least 1.");
    }

    /// <summary>The delay before the first retry; doubled (with jitter) for each next one.</summary>
    public TimeSpan RetryBaseDelay
    {
        get => _retryBaseDelay;
        init => _retryBaseDelay = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), value, "Must not be negative.");
    }

    /// <summary>The most calls of the tool waiting for a slot; <see langword="null"/> for no bound.</summary>
    public int? QueueLimit
    {
        get => _queueLimit;
        init => _queueLimit = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(QueueLimit), value, "Must not be negative.");
    }

    /// <summary>
    /// Whether the tool is called as an MCP task even when the server only allows it (<c>"optional"</c>); tools that
    /// require it are called as tasks either way.
    /// </summary>
    public bool RunAsTask { get; init; }

    /// <summary>How long the server keeps a task this method creates, and its result (the request's <c>ttl</c>).</summary>
    public TimeSpan TaskTimeToLive
    {
        get => _taskTimeToLive;
        init => _taskTimeToLive = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TaskTimeToLive), value, "Must be positive.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"MaxConcurrency={_maxConcurrency?.ToString() ?? "none"}{(MaxConcurrencyScope == McpLimitScope.Fleet ? " fleet" : "")}, Priority={Priority}, RateLimit={(_rateLimitPermits is { } p ? $"{p}/{_rateLimitWindow.TotalSeconds}s {RateLimitMode}{(RateLimitScope == McpLimitScope.Fleet ? " fleet" : "")}" : "none")}, " +
        $"Timeout={_timeout?.TotalMilliseconds.ToString() ?? "none"}ms, MaxAttempts={_maxAttempts}, QueueLimit={_queueLimit?.ToString() ?? "none"}" +
        (RunAsTask ? $", RunAsTask ttl={_taskTimeToLive.TotalSeconds}s" : "");
}
