using System;
using Microsoft.Extensions.Logging;

namespace McpSdk.Diagnostics;

/// <summary>McpSdk's log messages: generated with LoggerMessage, so a disabled level costs a check and nothing more.</summary>
internal static partial class Log
{
    // Stdio sessions, and HTTP servers that keep no state, have no server session id: say "none", not "(null)".
    public static void SessionStarted(ILogger logger, int sessionNumber, string endpoint, string? sessionId, int live) =>
        SessionStartedCore(logger, sessionNumber, endpoint, sessionId ?? "none", live);

    [LoggerMessage(1, LogLevel.Information, "Session {SessionNumber} to {Endpoint} started (server session id {SessionId}); {Live} live.")]
    private static partial void SessionStartedCore(ILogger logger, int sessionNumber, string endpoint, string sessionId, int live);

    [LoggerMessage(2, LogLevel.Warning, "Session {SessionNumber} to {Endpoint} ended unexpectedly; {Live} live, {InFlight} calls were in flight on it.")]
    public static partial void SessionFaulted(ILogger logger, int sessionNumber, string endpoint, int live, int inFlight);

    [LoggerMessage(3, LogLevel.Information, "Session {SessionNumber} to {Endpoint} closed after {IdleSeconds:0} s idle; {Live} live.")]
    public static partial void SessionTrimmed(ILogger logger, int sessionNumber, string endpoint, double idleSeconds, int live);

    [LoggerMessage(4, LogLevel.Warning, "Opening a session to {Endpoint} failed ({Failures} in a row); {Live} live.")]
    public static partial void SessionStartFailed(ILogger logger, string endpoint, int failures, int live, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Session {SessionNumber} to {Endpoint} did not answer a ping; replacing it.")]
    public static partial void SessionPingFailed(ILogger logger, int sessionNumber, string endpoint, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Call of tool {Tool} was refused: {Reason}")]
    public static partial void CallRejected(ILogger logger, string tool, string reason);

    [LoggerMessage(7, LogLevel.Information, "Call of tool {Tool} failed on attempt {Attempt} ({Error}); retrying in {DelayMilliseconds:0} ms.")]
    public static partial void CallRetrying(ILogger logger, string tool, int attempt, string error, double delayMilliseconds);

    [LoggerMessage(8, LogLevel.Warning, "Call of tool {Tool} missed its {DeadlineMilliseconds:0} ms deadline ({QueuedMilliseconds:0} ms queued, {RunningMilliseconds:0} ms running).")]
    public static partial void CallTimedOut(ILogger logger, string tool, double deadlineMilliseconds, double queuedMilliseconds, double runningMilliseconds);

    [LoggerMessage(9, LogLevel.Warning, "Call of tool {Tool} lost its session: {Reason}")]
    public static partial void CallSessionLost(ILogger logger, string tool, string reason);

    [LoggerMessage(11, LogLevel.Information, "Call of tool {Tool} was turned away without running (its session had expired); sending it once more on another session.")]
    public static partial void CallResent(ILogger logger, string tool);

    [LoggerMessage(10, LogLevel.Warning, "Background work of the session pool for {Endpoint} ({Work}) failed.")]
    public static partial void BackgroundWorkFailed(ILogger logger, string work, string endpoint, Exception exception);
}
