using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>Connection-wide settings of an <see cref="McpConnection"/>.</summary>
public sealed class McpConnectionOptions
{
    internal static Implementation DefaultClientInfo { get; } = new()
    {
        Name = "McpSdk",
        Version = typeof(McpConnectionOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
    };

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
