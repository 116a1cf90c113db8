namespace McpSdk.Cli.Servers;

/// <summary>
/// Whether a tool runs as an MCP task: its <c>execution.taskSupport</c> in <c>tools/list</c> (2025-11-25), which the
/// official SDK's <c>Tool</c> does not carry.
/// </summary>
internal enum ToolTaskSupport
{
    /// <summary><c>forbidden</c>, or not said: the tool is called directly.</summary>
    Forbidden,

    /// <summary><c>optional</c>: the client may call it either way.</summary>
    Optional,

    /// <summary><c>required</c>: the server runs it only as a task.</summary>
    Required,
}
