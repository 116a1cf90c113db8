using System;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>Connection-wide settings of an <see cref="McpConnection"/>.</summary>
public sealed class McpConnectionOptions
{
    private int? _maxConcurrency;
    private int? _queueLimit;
    private int _priorityAgingAdmissions = 16;

    internal static Implementation DefaultClientInfo { get; } = new()
    {
        Name = "McpSdk",
        Version = typeof(McpConnectionOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
    };

    /// <summary>
    /// The most calls in flight at once across all tools of the connection; <see langword="null"/> (the default)
    /// for no global limit. Per-tool limits come from <see cref="MaxConcurrencyAttribute"/>.
    /// </summary>
    public int? MaxConcurrency
    {
        get => _maxConcurrency;
        set => _maxConcurrency = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), value, "Must be at least 1.");
    }

    /// <summary>
    /// The most calls waiting for a slot across all tools; one more fails with <see cref="McpQueueFullException"/>.
    /// <see langword="null"/> (the default) for no global bound. Per-tool bounds come from <see cref="QueueLimitAttribute"/>.
    /// </summary>
    public int? QueueLimit
    {
        get => _queueLimit;
        set => _queueLimit = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(QueueLimit), value, "Must not be negative.");
    }

    /// <summary>
    /// How fast waiting raises a queued call's priority: one level per this many admissions from the queue
    /// (16 by default). A <see cref="McpPriority.Low"/> call therefore outranks every call that arrives
    /// 3 × this many admissions after it, so it cannot starve under sustained higher-priority load.
    /// </summary>
    public int PriorityAgingAdmissions
    {
        get => _priorityAgingAdmissions;
        set => _priorityAgingAdmissions = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(PriorityAgingAdmissions), value, "Must be at least 1.");
    }

    /// <summary>The clock for deadlines, rate-limit windows, backoff and latency; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The MCP protocol version to request, e.g. <c>"2025-11-25"</c>; <see langword="null"/> (the default) lets the
    /// official SDK negotiate.
    /// </summary>
    public string? ProtocolVersion { get; set; }

    /// <summary>How this client introduces itself in <c>initialize</c>; defaults to McpSdk and its version.</summary>
    public Implementation? ClientInfo { get; set; }

    /// <summary>Where the connection and its sessions log; <see langword="null"/> logs nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
