namespace McpSdk.Engine.Tasks;

/// <summary>How a tool may run as an MCP task: its <c>execution.taskSupport</c> in <c>tools/list</c>.</summary>
internal enum ToolTaskSupport
{
    /// <summary><c>forbidden</c>, or not said: a plain <c>tools/call</c> only.</summary>
    Forbidden = 0,

    /// <summary><c>optional</c>: either way; as a task when the method asks (<see cref="RunAsTaskAttribute"/>).</summary>
    Optional = 1,

    /// <summary><c>required</c>: only as a task.</summary>
    Required = 2,
}
