using System.Collections.Generic;

namespace McpSdk.Validation;

/// <summary>Where declared tool methods and a server's <c>tools/list</c> disagree.</summary>
/// <param name="Drift">Calls that would fail or lose data: missing tools, unknown or retyped arguments, required arguments never sent.</param>
/// <param name="Notes">Harmless differences: tools the server has that no method calls.</param>
/// <param name="MatchedTools">Declared methods whose tool the server lists.</param>
internal sealed record ToolDriftReport(IReadOnlyList<McpToolDrift> Drift, IReadOnlyList<string> Notes, int MatchedTools)
{
    public bool HasDrift => Drift.Count > 0;
}
