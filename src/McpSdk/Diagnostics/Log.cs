using System;
using Microsoft.Extensions.Logging;

namespace McpSdk.Diagnostics;

/// <summary>McpSdk's log messages: generated with LoggerMessage, so a disabled level costs a check and nothing more.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Session {SessionNumber} to {Endpoint} started (server session id {SessionId}); {Live} live.")]
    public static partial void SessionStarted(ILogger logger, int sessionNumber, string endpoint, string? sessionId, int live);

    [LoggerMessage(2, LogLevel.Warning, "Session {SessionNumber} to {Endpoint} ended unexpectedly; {Live} live, {InFlight} calls were in flight on it.")]
    public static partial void SessionFaulted(ILogger logger, int sessionNumber, string endpoint, int live, int inFlight);

    [LoggerMessage(3, LogLevel.Information, "Session {SessionNumber} to {Endpoint} closed after {IdleSeconds:0} s idle; {Live} live.")]
    public static partial void SessionTrimmed(ILogger logger, int sessionNumber, string endpoint, double idleSeconds, int live);

    [LoggerMessage(4, LogLevel.Warning, "Opening a session to {Endpoint} failed ({Failures} in a row); {Live} live.")]
    public static partial void SessionStartFailed(ILogger logger, string endpoint, int failures, int live, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Session {SessionNumber} to {Endpoint} did not answer a ping; replacing it.")]
    public static partial void SessionPingFailed(ILogger logger, int sessionNumber, string endpoint, Exception exception);
}
