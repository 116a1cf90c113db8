using System;
using Spectre.Console;

namespace Everything;

/// <summary>
/// Whether the sample draws live (a progress bar redrawn in place, a bordered table) or prints plain lines. Live
/// output needs a terminal: redirected to a file or a pipe (tests, CI, <c>| less</c>), redrawing would leave escape
/// codes and half-drawn frames behind, so the sample falls back to one line per update.
/// </summary>
internal static class LiveConsole
{
    public static bool IsLive { get; } = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
