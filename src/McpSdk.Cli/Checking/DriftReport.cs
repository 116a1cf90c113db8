using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using McpSdk.Cli.Scaffolding;
using ModelContextProtocol.Protocol;

namespace McpSdk.Cli.Checking;

/// <summary>Where an interface's tools and the server's <c>tools/list</c> disagree.</summary>
/// <param name="Drift">Calls that would fail or lose data: missing tools, unknown arguments, required arguments never sent.</param>
/// <param name="Notes">Harmless differences: tools the server has that the interface does not call.</param>
/// <param name="MatchedTools">Declared tools found on the server.</param>
internal sealed record DriftReport(IReadOnlyList<string> Drift, IReadOnlyList<string> Notes, int MatchedTools)
{
    public bool HasDrift => Drift.Count > 0;

    public static DriftReport Compare(IReadOnlyList<DeclaredTool> declared, IReadOnlyList<Tool> served)
    {
        var drift = new List<string>();
        var notes = new List<string>();
        var byName = new Dictionary<string, Tool>(StringComparer.Ordinal);
        foreach (Tool tool in served)
        {
            byName.TryAdd(tool.Name, tool);
        }

        int matched = 0;
        foreach (DeclaredTool method in declared)
        {
            if (!byName.TryGetValue(method.ToolName, out Tool? tool))
            {
                drift.Add($"missing tool: {method.MethodName} calls '{method.ToolName}', which the server does not list");
                continue;
            }

            matched++;
            HashSet<string> known = ArgumentNames(tool.InputSchema);
            foreach (string argument in method.ArgumentNames.Where(a => !known.Contains(a)))
            {
                drift.Add($"unknown argument: {method.MethodName} sends '{argument}', which tool '{tool.Name}' does not declare" +
                    (known.Count == 0 ? " (it takes no arguments)" : $" (it takes {string.Join(", ", known.Order(StringComparer.Ordinal).Select(k => "'" + k + "'"))})"));
            }

            foreach (string argument in SchemaTypeMapper.RequiredNames(tool.InputSchema).Where(r => !method.ArgumentNames.Contains(r)).Order(StringComparer.Ordinal))
            {
                drift.Add($"missing argument: tool '{tool.Name}' requires '{argument}', which {method.MethodName} does not send");
            }
        }

        var declaredNames = new HashSet<string>(declared.Select(d => d.ToolName), StringComparer.Ordinal);
        foreach (Tool tool in served.Where(t => !declaredNames.Contains(t.Name)))
        {
            notes.Add($"not called: the server's tool '{tool.Name}' has no method (scaffold again to add it)");
        }

        return new DriftReport(drift, notes, matched);
    }

    private static HashSet<string> ArgumentNames(JsonElement schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out JsonElement properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                names.Add(property.Name);
            }
        }

        return names;
    }
}
