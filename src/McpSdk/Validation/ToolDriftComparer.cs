using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using McpSdk.Invocation;
using ModelContextProtocol.Protocol;

namespace McpSdk.Validation;

/// <summary>
/// Compares declared tool methods with a server's <c>tools/list</c>: the one comparison behind
/// <see cref="McpConnectionOptions.ValidateToolsOnConnect"/> and <c>mcpsdk check</c>.
/// </summary>
internal static class ToolDriftComparer
{
    public static ToolDriftReport Compare(IEnumerable<ToolMethod> declared, IReadOnlyList<Tool> served)
    {
        var drift = new List<McpToolDrift>();
        var byName = new Dictionary<string, Tool>(StringComparer.Ordinal);
        foreach (Tool tool in served)
        {
            byName.TryAdd(tool.Name, tool);
        }

        int matched = 0;
        var declaredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (ToolMethod method in declared)
        {
            declaredNames.Add(method.ToolName);
            if (!byName.TryGetValue(method.ToolName, out Tool? tool))
            {
                drift.Add(new McpToolDrift(McpToolDriftKind.MissingTool, method.ToolName, method.MemberName, null,
                    $"missing tool: {method.MemberName} calls '{method.ToolName}', which the server does not list"));
                continue;
            }

            matched++;
            CompareArguments(method, tool, drift);
        }

        string[] notes = served
            .Where(t => !declaredNames.Contains(t.Name))
            .Select(t => $"not called: the server's tool '{t.Name}' has no method (scaffold again to add it)")
            .ToArray();
        return new ToolDriftReport(drift, notes, matched);
    }

    private static void CompareArguments(ToolMethod method, Tool tool, List<McpToolDrift> drift)
    {
        Dictionary<string, JsonElement> properties = Properties(tool.InputSchema);
        foreach (ToolArgument argument in method.Arguments)
        {
            if (!properties.TryGetValue(argument.Name, out JsonElement schema))
            {
                string takes = properties.Count == 0
                    ? " (it takes no arguments)"
                    : $" (it takes {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal).Select(k => "'" + k + "'"))})";
                drift.Add(new McpToolDrift(McpToolDriftKind.UnknownArgument, tool.Name, method.MemberName, argument.Name,
                    $"unknown argument: {method.MemberName} sends '{argument.Name}', which tool '{tool.Name}' does not declare{takes}"));
                continue;
            }

            string? sent = JsonTypeOf.Type(argument.Type);
            string[] accepted = SchemaTypes(schema);
            if (sent is not null && accepted.Length > 0 && !accepted.Any(a => Fits(sent, a)))
            {
                drift.Add(new McpToolDrift(McpToolDriftKind.RetypedArgument, tool.Name, method.MemberName, argument.Name,
                    $"retyped argument: {method.MemberName} sends '{argument.Name}' as {sent} ({argument.Type.Name}), but tool '{tool.Name}' " +
                    $"declares it as {string.Join(" or ", accepted)}"));
            }
        }

        foreach (string required in RequiredNames(tool.InputSchema).Where(r => !method.Arguments.Any(a => a.Name == r)).Order(StringComparer.Ordinal))
        {
            drift.Add(new McpToolDrift(McpToolDriftKind.MissingArgument, tool.Name, method.MemberName, required,
                $"missing argument: tool '{tool.Name}' requires '{required}', which {method.MemberName} does not send"));
        }
    }

    // Integers and numbers pass each other: JSON has one number type, and servers read 2 and 2.0 alike.
    private static bool Fits(string sent, string accepted) =>
        sent == accepted || (sent is "integer" or "number" && accepted is "integer" or "number");

    private static Dictionary<string, JsonElement> Properties(JsonElement schema)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out JsonElement members)
            && members.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in members.EnumerateObject())
            {
                properties.TryAdd(property.Name, property.Value);
            }
        }

        return properties;
    }

    /// <summary>The JSON types a property schema names, without <c>null</c>; empty when it names none (any type).</summary>
    private static string[] SchemaTypes(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out JsonElement type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String when type.GetString() is { } name && name != "null" => [name],
            JsonValueKind.Array => type.EnumerateArray()
                .Where(t => t.ValueKind == JsonValueKind.String && t.GetString() != "null")
                .Select(t => t.GetString()!)
                .ToArray(),
            _ => [],
        };
    }

    /// <summary>The names a schema's <c>required</c> lists.</summary>
    public static HashSet<string> RequiredNames(JsonElement schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("required", out JsonElement required)
            && required.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement name in required.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    names.Add(name.GetString()!);
                }
            }
        }

        return names;
    }
}
