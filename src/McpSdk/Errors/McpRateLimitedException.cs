using System;

namespace McpSdk;

/// <summary>
/// The tool's <see cref="RateLimitAttribute"/> (in <see cref="RateLimitMode.Reject"/> mode) had no permit left, so
/// the call was refused before it started.
/// </summary>
public sealed class McpRateLimitedException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpRateLimitedException(string toolName, int permits, TimeSpan window)
        : base(toolName, $"Tool '{toolName}' is limited to {permits} calls per {window.TotalSeconds:0.###} s and none is left in this window; the call was not started. Retry after the window, or use RateLimitMode.Wait.")
    {
        Permits = permits;
        Window = window;
    }

    /// <summary>Starts allowed per window.</summary>
    public int Permits { get; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; }
}
