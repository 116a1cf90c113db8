using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace McpSdk;

/// <summary>
/// The names McpSdk's traces and metrics are published under. Subscribe with OpenTelemetry
/// (<c>AddSource(McpSdkTelemetry.SourceName)</c>, <c>AddMeter(McpSdkTelemetry.MeterName)</c>) or any
/// <see cref="ActivityListener"/> / <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// <para>Spans follow the OpenTelemetry semantic conventions for MCP: one client span per tool call named
/// <c>tools/call {tool}</c> with <c>mcp.method.name</c>, <c>gen_ai.operation.name</c> (<c>execute_tool</c>),
/// <c>gen_ai.tool.name</c>, <c>mcp.session.id</c> and, on failure, <c>error.type</c>. It is the parent of the official
/// SDK's own request span, and adds what the SDK cannot see: an <c>mcpsdk.admitted</c> event per attempt with the
/// queue wait (one per attempt, so retries show as more events) and <c>mcpsdk.priority</c>.</para>
/// <para>Metrics: <c>mcpsdk.tool.call.duration</c> and <c>mcpsdk.tool.queue.duration</c> (histograms, seconds),
/// <c>mcpsdk.tool.calls.active</c> (in flight), <c>mcpsdk.tool.retries</c>, <c>mcpsdk.tool.rejections</c> and
/// <c>mcpsdk.pool.sessions</c> (live sessions, tagged <c>mcpsdk.endpoint</c>), tagged with <c>gen_ai.tool.name</c>
/// (and <c>error.type</c> on failed calls). Nothing is recorded while nobody listens.</para>
/// </remarks>
public static class McpSdkTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>McpSdk</c>.</summary>
    public const string SourceName = "McpSdk";

    /// <summary>The <see cref="Meter"/> name: <c>McpSdk</c>.</summary>
    public const string MeterName = "McpSdk";

    private static readonly string s_version = typeof(McpSdkTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    internal static ActivitySource Source { get; } = new(SourceName, s_version);

    internal static Meter Meter { get; } = new(MeterName, s_version);

    internal static Histogram<double> CallDuration { get; } = Meter.CreateHistogram<double>(
        "mcpsdk.tool.call.duration", "s", "Duration of tool calls, from the call to its result, queueing and retries included.");

    internal static Histogram<double> QueueDuration { get; } = Meter.CreateHistogram<double>(
        "mcpsdk.tool.queue.duration", "s", "Time an attempt waited in the scheduler's queue before it started.");

    internal static UpDownCounter<long> ActiveCalls { get; } = Meter.CreateUpDownCounter<long>(
        "mcpsdk.tool.calls.active", "{call}", "Calls holding a slot (running on a session) now.");

    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>(
        "mcpsdk.tool.retries", "{retry}", "Attempts after the first, by [Retry].");

    internal static Counter<long> Rejections { get; } = Meter.CreateCounter<long>(
        "mcpsdk.tool.rejections", "{call}", "Calls refused by a full queue or an exhausted rate limit.");

    internal static Counter<long> FleetFallbacks { get; } = Meter.CreateCounter<long>(
        "mcpsdk.fleet.fallbacks", "{call}", "Fleet-scoped admissions made without Redis because it could not be reached (local share, or refused when failing closed).");

    internal static UpDownCounter<long> PoolSessions { get; } = Meter.CreateUpDownCounter<long>(
        "mcpsdk.pool.sessions", "{session}", "Live sessions in connection pools.");
}
