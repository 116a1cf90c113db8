using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>Connection-wide settings of an <see cref="McpConnection"/>.</summary>
public sealed class McpConnectionOptions
{
    private int _minSessions = 1;
    private int _maxSessions = 1;
    private int _maxCallsPerSession = 64;
    private TimeSpan _sessionIdleTimeout = TimeSpan.FromMinutes(5);
    private TimeSpan _healthCheckInterval = TimeSpan.FromSeconds(30);
    private int? _maxConcurrency;
    private int? _queueLimit;
    private int _priorityAgingAdmissions = 16;
    private int _maxMessageSize = DefaultMaxMessageSize;

    /// <summary>The default of <see cref="MaxMessageSize"/>: 16 MiB.</summary>
    public const int DefaultMaxMessageSize = 16 * 1024 * 1024;

    internal static Implementation DefaultClientInfo { get; } = new()
    {
        Name = "McpSdk",
        Version = typeof(McpConnectionOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
    };

    /// <summary>
    /// Sessions kept open even when idle (1 by default). <see cref="McpConnection.OpenAsync"/> opens this many (at
    /// least one) before it returns; a session that dies is replaced while fewer than this many live.
    /// </summary>
    public int MinSessions
    {
        get => _minSessions;
        set => _minSessions = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MinSessions), value, "Must not be negative.");
    }

    /// <summary>
    /// The most sessions the pool opens (1 by default). For a stdio endpoint each session is its own server process.
    /// The pool grows by one session at a time while calls wait for capacity, up to this bound.
    /// </summary>
    public int MaxSessions
    {
        get => _maxSessions;
        set => _maxSessions = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxSessions), value, "Must be at least 1.");
    }

    /// <summary>
    /// The load at which the pool opens another session (64 calls in flight per session by default). While fewer
    /// than <see cref="MaxSessions"/> are open, calls beyond <c>open sessions × this</c> wait in the scheduler's queue
    /// (by priority) for the next session; once all are open, sessions take more, least-loaded first, and only
    /// <see cref="MaxConcurrency"/> caps them. Many stdio servers answer one request at a time, so a low value with
    /// several sessions spreads the load.
    /// </summary>
    public int MaxCallsPerSession
    {
        get => _maxCallsPerSession;
        set => _maxCallsPerSession = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxCallsPerSession), value, "Must be at least 1.");
    }

    /// <summary>A session beyond <see cref="MinSessions"/> that carried no call for this long is closed (5 minutes by default).</summary>
    public TimeSpan SessionIdleTimeout
    {
        get => _sessionIdleTimeout;
        set => _sessionIdleTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(SessionIdleTimeout), value, "Must be positive.");
    }

    /// <summary>How often idle sessions are pinged, and idle ones trimmed (30 seconds by default); a failed ping replaces the session.</summary>
    public TimeSpan HealthCheckInterval
    {
        get => _healthCheckInterval;
        set => _healthCheckInterval = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(HealthCheckInterval), value, "Must be positive.");
    }

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

    /// <summary>
    /// Per-tool overrides of the declared policies, by tool wire name: what an operator changes without a rebuild
    /// (also read from configuration by <c>McpClientBuilder.UseConfiguration</c>).
    /// </summary>
    public System.Collections.Generic.IDictionary<string, McpToolPolicy> ToolPolicies { get; } =
        new System.Collections.Generic.Dictionary<string, McpToolPolicy>(StringComparer.Ordinal);

    /// <summary>
    /// Whether the connection checks its <see cref="McpClientAttribute"/> interfaces against the server's tools
    /// (<see cref="McpToolValidation.None"/> by default). When set, the first session lists the server's tools after its
    /// handshake and every interface created on the connection is compared with them once: a tool the server does not
    /// list, an argument it does not declare or declares with another JSON type, or a required argument the method
    /// never sends is drift. <see cref="McpToolValidation.Warn"/> logs each drift as a warning;
    /// <see cref="McpToolValidation.Throw"/> fails with <see cref="McpToolDriftException"/> listing every drift — from
    /// <see cref="McpConnection.CreateClient{TClient}"/> for a client created on an open connection, and from opening
    /// (<see cref="McpConnection.OpenAsync"/>, <see cref="McpConnection.ConnectAsync"/>, or the first call of a lazily
    /// opened connection) for clients created before it opened. Also read from configuration
    /// (<c>Mcp:Servers:&lt;name&gt;:ValidateToolsOnConnect</c>).
    /// </summary>
    /// <example>
    /// <code>
    /// var options = new McpConnectionOptions { ValidateToolsOnConnect = McpToolValidation.Throw };
    /// await using var connection = await McpConnection.OpenAsync(endpoint, options);
    /// var tools = connection.CreateClient&lt;IEverythingTools&gt;(); // throws McpToolDriftException on drift
    /// </code>
    /// </example>
    public McpToolValidation ValidateToolsOnConnect { get; set; }

    /// <summary>
    /// Where fleet-scoped limits (<see cref="McpLimitScope.Fleet"/> on <see cref="MaxConcurrencyAttribute"/> and
    /// <see cref="RateLimitAttribute"/>) are kept: a Redis shared by every replica. <see langword="null"/> (the default)
    /// for none; binding a fleet-scoped tool then fails. Also read from configuration (<c>Fleet</c> section).
    /// </summary>
    public McpFleetOptions? Fleet { get; set; }

    /// <summary>The clock for deadlines, rate-limit windows, backoff and latency; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The MCP protocol version to use, e.g. <c>"2025-11-25"</c> or the stateless <c>"2026-07-28"</c>, exactly and with no
    /// fallback. <see langword="null"/> (the default) negotiates: on the lean engine <c>initialize</c> first, then
    /// <c>server/discover</c> when the server refuses it; on the SDK's engine the SDK's default first (the
    /// <c>server/discover</c> probe), then the <c>initialize</c> handshake when the probe fails; either way any version the
    /// server offers that the engine speaks (docs/PROTOCOL.md).
    /// </summary>
    public string? ProtocolVersion { get; set; }

    /// <summary>
    /// Which engine moves the sessions' messages: <see cref="McpSessionEngine.Auto"/> (the default) uses McpSdk's lean
    /// engine where it goes and the official SDK's elsewhere.
    /// </summary>
    public McpSessionEngine Engine { get; set; }

    /// <summary>
    /// The largest message the lean engine reads from a server, in bytes (default 16 MiB). A server that sends a larger
    /// one has its session closed: the calls on it fail with <see cref="McpSessionLostException"/> naming the limit, and
    /// no buffer grows past it. The official SDK's engine has its own limits.
    /// </summary>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1024);
            _maxMessageSize = value;
        }
    }

    /// <summary>How this client introduces itself in <c>initialize</c>; defaults to McpSdk and its version.</summary>
    public Implementation? ClientInfo { get; set; }

    /// <summary>
    /// Answers the server's elicitation requests (questions for the user). Setting it declares the elicitation
    /// capability, so servers offer the tools that need it.
    /// </summary>
    public Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>>? ElicitationHandler { get; set; }

    /// <summary>
    /// Answers the server's sampling requests (LLM completions). Setting it declares the sampling capability.
    /// Deprecated by the 2026-07-28 specification (SEP-2577), as in the official SDK; servers on older versions use it.
    /// </summary>
    [Obsolete("Sampling is deprecated as of MCP 2026-07-28 (SEP-2577); servers speaking older versions still use it.", DiagnosticId = "MCP9005")]
    public Func<CreateMessageRequestParams?, IProgress<ProgressNotificationValue>, CancellationToken, ValueTask<CreateMessageResult>>? SamplingHandler { get; set; }

    /// <summary>
    /// Answers the server's requests for the client's roots. Setting it declares the roots capability.
    /// Deprecated by the 2026-07-28 specification (SEP-2577), as in the official SDK; servers on older versions use it.
    /// </summary>
    [Obsolete("Roots are deprecated as of MCP 2026-07-28 (SEP-2577); servers speaking older versions still use them.", DiagnosticId = "MCP9005")]
    public Func<ListRootsRequestParams?, CancellationToken, ValueTask<ListRootsResult>>? RootsHandler { get; set; }

    /// <summary>Where the connection and its sessions log; <see langword="null"/> logs nowhere.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
