using System;

namespace McpSdk;

/// <summary>
/// The tool's <see cref="RateLimitAttribute"/> (in <see cref="RateLimitMode.Reject"/> mode) had no permit left, so
/// the call was refused before it started; or, with <see cref="Fleet"/> set, a fleet-scoped limit refused it — no fleet
/// permit was left, or the fleet's Redis could not be reached and the fleet fails closed
/// (<see cref="McpFleetFailureMode.FailClosed"/>).
/// </summary>
public sealed class McpRateLimitedException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpRateLimitedException(string toolName, int permits, TimeSpan window)
        : base(toolName, $"Tool '{toolName}' is limited to {Counted.Calls(permits)} per {window.TotalSeconds:0.###} s and none is left in this window; the call was not started. Retry after the window, or use RateLimitMode.Wait.")
    {
        Permits = permits;
        Window = window;
    }

    internal McpRateLimitedException(string toolName, string fleet, int permits, TimeSpan window, string message, Exception? innerException)
        : base(toolName, message, innerException)
    {
        Permits = permits;
        Window = window;
        Fleet = fleet;
    }

    /// <summary>The fleet (its <see cref="McpFleetOptions.KeyPrefix"/>) whose limit refused the call; <see langword="null"/> for a connection's own limit.</summary>
    public string? Fleet { get; }

    /// <summary>Starts allowed per window (0 when a fleet refused a tool that has only a concurrency limit).</summary>
    public int Permits { get; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; }
}
