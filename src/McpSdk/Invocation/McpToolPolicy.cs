using System;

namespace McpSdk;

/// <summary>
/// A per-tool override of the policy the interface's attributes declare, set in
/// <see cref="McpConnectionOptions.ToolPolicies"/> (or in configuration, under <c>Tools:&lt;tool name&gt;</c>), for
/// operators who must change a limit without a rebuild. Each property that is set replaces the attribute's value for
/// every method calling that tool; the rest stay as declared.
/// </summary>
public sealed class McpToolPolicy
{
    /// <summary>Replaces <see cref="MaxConcurrencyAttribute"/>.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Replaces <see cref="MaxConcurrencyAttribute.Scope"/>.</summary>
    public McpLimitScope? MaxConcurrencyScope { get; set; }

    /// <summary>Replaces <see cref="PriorityAttribute"/>.</summary>
    public McpPriority? Priority { get; set; }

    /// <summary>Replaces <see cref="RateLimitAttribute.Permits"/>.</summary>
    public int? RateLimitPermits { get; set; }

    /// <summary>Replaces <see cref="RateLimitAttribute.PerSeconds"/>.</summary>
    public double? RateLimitPerSeconds { get; set; }

    /// <summary>Replaces <see cref="RateLimitAttribute.Mode"/>.</summary>
    public RateLimitMode? RateLimitMode { get; set; }

    /// <summary>Replaces <see cref="RateLimitAttribute.Scope"/>.</summary>
    public McpLimitScope? RateLimitScope { get; set; }

    /// <summary>Replaces <see cref="TimeoutAttribute"/>, in milliseconds.</summary>
    public int? TimeoutMilliseconds { get; set; }

    /// <summary>Replaces <see cref="RetryAttribute.MaxAttempts"/>.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>Replaces <see cref="QueueLimitAttribute"/>.</summary>
    public int? QueueLimit { get; set; }

    /// <summary>
    /// Replaces <see cref="RunAsTaskAttribute"/>: <see langword="true"/> calls the tool as an MCP task, <see langword="false"/>
    /// calls it directly (unless the server requires a task, or the method returns an <see cref="McpTask{TResult}"/>).
    /// </summary>
    public bool? RunAsTask { get; set; }

    /// <summary>Replaces <see cref="RunAsTaskAttribute.TimeToLiveSeconds"/>.</summary>
    public int? TaskTimeToLiveSeconds { get; set; }

    /// <summary><paramref name="declared"/> with this override's values in place; validation is <see cref="Invocation.CallPolicy"/>'s.</summary>
    internal Invocation.CallPolicy ApplyTo(Invocation.CallPolicy declared, string toolName)
    {
        try
        {
            return new Invocation.CallPolicy
            {
                MaxConcurrency = MaxConcurrency ?? declared.MaxConcurrency,
                MaxConcurrencyScope = MaxConcurrencyScope ?? declared.MaxConcurrencyScope,
                Priority = Priority ?? declared.Priority,
                RateLimitPermits = RateLimitPermits ?? declared.RateLimitPermits,
                RateLimitWindow = RateLimitPerSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : declared.RateLimitWindow,
                RateLimitMode = RateLimitMode ?? declared.RateLimitMode,
                RateLimitScope = RateLimitScope ?? declared.RateLimitScope,
                Timeout = TimeoutMilliseconds is { } timeout ? TimeSpan.FromMilliseconds(timeout) : declared.Timeout,
                MaxAttempts = MaxAttempts ?? declared.MaxAttempts,
                RetryBaseDelay = declared.RetryBaseDelay,
                QueueLimit = QueueLimit ?? declared.QueueLimit,
                RunAsTask = RunAsTask ?? declared.RunAsTask,
                TaskTimeToLive = TaskTimeToLiveSeconds is { } timeToLive ? TimeSpan.FromSeconds(timeToLive) : declared.TaskTimeToLive,
            };
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new ArgumentException($"The policy override for tool '{toolName}' is invalid: {exception.Message}", exception);
        }
    }
}
