namespace McpSdk;

/// <summary>
/// What <see cref="McpConnectionOptions.ValidateToolsOnConnect"/> does when the server's <c>tools/list</c> and the
/// <see cref="McpClientAttribute"/> interfaces created on the connection disagree.
/// </summary>
public enum McpToolValidation
{
    /// <summary>Do not list the server's tools; drift shows up as failing calls (the default).</summary>
    None,

    /// <summary>List the tools once and log every drift as a warning; calls go ahead.</summary>
    Warn,

    /// <summary>List the tools once and fail with <see cref="McpToolDriftException"/> on any drift.</summary>
    Throw,
}
