namespace McpSdk;

/// <summary>How an interface method and the server's tool disagree; see <see cref="McpToolDrift"/>.</summary>
public enum McpToolDriftKind
{
    /// <summary>The method calls a tool the server does not list (removed or renamed).</summary>
    MissingTool,

    /// <summary>The method sends an argument the tool's input schema does not declare (renamed or removed).</summary>
    UnknownArgument,

    /// <summary>The method sends an argument as a JSON type other than the one the tool's input schema declares.</summary>
    RetypedArgument,

    /// <summary>The tool requires an argument the method never sends (added or renamed).</summary>
    MissingArgument,
}
