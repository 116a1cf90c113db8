namespace McpSdk.Generators.Model;

/// <summary>
/// A method's concurrency policy as its attributes declare it; a <see langword="null"/> member was not declared
/// (the runtime default applies). Method attributes override the declaring interface's, which override the client's.
/// A limit's scope (<c>Scope = McpLimitScope.Fleet</c>) belongs to the attribute that declares the limit and is
/// inherited with it. <c>[RunAsTask]</c> overrides as a whole: a method's own attribute brings its own time to live.
/// </summary>
/// <param name="RunAsTask">Called as an MCP task (<c>[RunAsTask]</c>, or a method returning <c>McpTask&lt;T&gt;</c>).</param>
/// <param name="TaskTimeToLiveSeconds">The <c>TimeToLiveSeconds</c> the <c>[RunAsTask]</c> in force declares; <see langword="null"/> for the runtime's default.</param>
internal sealed record PolicySpec(
    int? MaxConcurrency,
    int? Priority,
    int? RateLimitPermits,
    double? RateLimitPerSeconds,
    int? RateLimitMode,
    int? TimeoutMilliseconds,
    int? MaxAttempts,
    int? RetryBaseDelayMilliseconds,
    int? QueueLimit,
    bool FleetConcurrency = false,
    bool FleetRate = false,
    bool RunAsTask = false,
    int? TaskTimeToLiveSeconds = null)
{
    public static PolicySpec None { get; } = new(null, null, null, null, null, null, null, null, null);

    public bool IsEmpty => Equals(None);

    /// <summary>This policy, with what it does not declare taken from <paramref name="fallback"/>.</summary>
    public PolicySpec Over(PolicySpec fallback)
    {
        bool ownRate = RateLimitPermits is not null;
        bool ownRetry = MaxAttempts is not null;
        return new PolicySpec(
            MaxConcurrency ?? fallback.MaxConcurrency,
            Priority ?? fallback.Priority,
            ownRate ? RateLimitPermits : fallback.RateLimitPermits,
            ownRate ? RateLimitPerSeconds : fallback.RateLimitPerSeconds,
            ownRate ? RateLimitMode : fallback.RateLimitMode,
            TimeoutMilliseconds ?? fallback.TimeoutMilliseconds,
            ownRetry ? MaxAttempts : fallback.MaxAttempts,
            ownRetry ? RetryBaseDelayMilliseconds : fallback.RetryBaseDelayMilliseconds,
            QueueLimit ?? fallback.QueueLimit,
            MaxConcurrency is not null ? FleetConcurrency : fallback.FleetConcurrency,
            ownRate ? FleetRate : fallback.FleetRate,
            RunAsTask || fallback.RunAsTask,
            RunAsTask ? TaskTimeToLiveSeconds : fallback.TaskTimeToLiveSeconds);
    }
}
