namespace McpSdk;

/// <summary>
/// One way an <see cref="McpClientAttribute"/> interface no longer matches the server's <c>tools/list</c>; reported by
/// <see cref="McpToolDriftException"/> and by <c>mcpsdk check</c>.
/// </summary>
/// <param name="Kind">What disagrees.</param>
/// <param name="ToolName">The tool's wire name.</param>
/// <param name="MemberName">The interface method, e.g. <c>IEverythingTools.EchoAsync</c>.</param>
/// <param name="ArgumentName">The argument's wire name, or <see langword="null"/> for <see cref="McpToolDriftKind.MissingTool"/>.</param>
/// <param name="Description">One line naming the method, the tool and the argument, e.g.
/// <c>unknown argument: IEverythingTools.EchoAsync sends 'text', which tool 'echo' does not declare (it takes 'message')</c>.</param>
public sealed record McpToolDrift(McpToolDriftKind Kind, string ToolName, string MemberName, string? ArgumentName, string Description)
{
    /// <inheritdoc/>
    public override string ToString() => Description;
}
