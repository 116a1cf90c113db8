using System;

namespace McpSdk.Soak;

/// <summary>How one call ended: a column of the accounting table.</summary>
internal enum SoakOutcome
{
    Succeeded,
    CancelledAtRandom,
    CancelledAtCallerDeadline,
    ToolError,
    ResultMismatch,
    SessionLost,
    TimedOut,
    QueueFull,
    RateLimited,

    /// <summary>The connection was disposed while the call waited (only with <c>--reopen-every</c>).</summary>
    Disposed,

    /// <summary>Not one of DESIGN.md §4's types, not naming the tool, or a cancellation nobody asked for.</summary>
    Unexpected,
}

/// <summary>Sorts endings into <see cref="SoakOutcome"/>s and names them.</summary>
internal static class SoakOutcomes
{
    public static readonly SoakOutcome[] All = Enum.GetValues<SoakOutcome>();

    public static SoakOutcome Classify(Exception? error, string tool, bool callerCancelled, bool cancelledAtRandom, bool disposing) => error switch
    {
        null => SoakOutcome.Succeeded,
        OperationCanceledException when callerCancelled => cancelledAtRandom ? SoakOutcome.CancelledAtRandom : SoakOutcome.CancelledAtCallerDeadline,
        McpSdkException known when known.ToolName != tool || !known.Message.Contains($"'{tool}'", StringComparison.Ordinal) => SoakOutcome.Unexpected,
        McpToolException => SoakOutcome.ToolError,
        McpResultMismatchException => SoakOutcome.ResultMismatch,
        McpSessionLostException => SoakOutcome.SessionLost,
        McpSdkTimeoutException => SoakOutcome.TimedOut,
        McpQueueFullException => SoakOutcome.QueueFull,
        McpRateLimitedException => SoakOutcome.RateLimited,
        ObjectDisposedException disposed when disposing && disposed.Message.Contains($"'{tool}'", StringComparison.Ordinal) => SoakOutcome.Disposed,
        _ => SoakOutcome.Unexpected,
    };

    public static bool IsCancelled(this SoakOutcome outcome) => outcome is SoakOutcome.CancelledAtRandom or SoakOutcome.CancelledAtCallerDeadline;

    public static string Label(this SoakOutcome outcome) => outcome switch
    {
        SoakOutcome.Succeeded => "ok",
        SoakOutcome.CancelledAtRandom => "cancelled (random)",
        SoakOutcome.CancelledAtCallerDeadline => "cancelled (caller deadline)",
        SoakOutcome.ToolError => nameof(McpToolException),
        SoakOutcome.ResultMismatch => nameof(McpResultMismatchException),
        SoakOutcome.SessionLost => nameof(McpSessionLostException),
        SoakOutcome.TimedOut => nameof(McpSdkTimeoutException),
        SoakOutcome.QueueFull => nameof(McpQueueFullException),
        SoakOutcome.RateLimited => nameof(McpRateLimitedException),
        SoakOutcome.Disposed => nameof(ObjectDisposedException),
        _ => "unexpected",
    };
}
