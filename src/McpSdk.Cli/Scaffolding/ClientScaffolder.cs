using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using McpSdk.Cli.Scaffolding.Model;
using McpSdk.Cli.Servers;
using ModelContextProtocol.Protocol;

namespace McpSdk.Cli.Scaffolding;

/// <summary>Turns a server's <c>tools/list</c> into the declarations of an <c>[McpClient]</c> interface.</summary>
internal static class ClientScaffolder
{
    /// <summary>
    /// The types the scaffolded file names (through its usings) and the generated proxy's name: a generated record or
    /// enum of the same name would shadow them.
    /// </summary>
    private static readonly string[] s_referencedTypeNames =
    [
        "Task", "CancellationToken", "CallToolResult", "JsonElement", "IReadOnlyList", "IReadOnlyDictionary",
        "McpClient", "McpClientAttribute", "McpTool", "McpToolAttribute", "McpArgument", "McpArgumentAttribute",
        "JsonPropertyName", "JsonPropertyNameAttribute", "JsonIgnore", "JsonIgnoreAttribute", "JsonIgnoreCondition",
        "JsonStringEnumMemberName", "JsonStringEnumMemberNameAttribute", "JsonSerializable", "JsonSerializableAttribute",
        "JsonSerializerContext", "RunAsTask", "RunAsTaskAttribute", "System", "McpSdk", "ModelContextProtocol",
    ];

    /// <summary>Types McpSdk's built-in JSON context already covers: a scaffolded context need not list them.</summary>
    private static readonly HashSet<string> s_builtInJsonTypes = new(StringComparer.Ordinal)
    {
        TypeRef.String.Name, TypeRef.Double.Name, TypeRef.Long.Name, TypeRef.Bool.Name, TypeRef.Json.Name,
    };

    /// <summary>The default interface name for a server: <c>mcp-servers/everything</c> → <c>IEverythingTools</c>.</summary>
    public static string DefaultInterfaceName(Implementation? server)
    {
        string name = server?.Name ?? string.Empty;
        name = name[(name.LastIndexOf('/') + 1)..];
        string[] words = name.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.Equals("server", StringComparison.OrdinalIgnoreCase)
                && !w.Equals("servers", StringComparison.OrdinalIgnoreCase)
                && !w.Equals("mcp", StringComparison.OrdinalIgnoreCase))
            .ToArray();
        string stem = Identifiers.Pascal(string.Join('-', words), fallback: "Mcp");
        return "I" + stem.TrimStart('_') + "Tools";
    }

    /// <param name="server">The server's <c>serverInfo</c>, for the header and the type-name stem.</param>
    /// <param name="tools">Its <c>tools/list</c>.</param>
    /// <param name="namespace">The file's namespace.</param>
    /// <param name="interfaceName">The interface's name.</param>
    /// <param name="rawResults">
    /// Tools without an output schema return <c>CallToolResult</c> (every content block) instead of <c>string</c> (the text).
    /// </param>
    /// <param name="taskSupport">Each tool's <c>execution.taskSupport</c>, by name; a tool not in it is called directly.</param>
    public static ClientDeclaration Build(
        Implementation? server,
        IReadOnlyList<Tool> tools,
        string @namespace,
        string interfaceName,
        bool rawResults = false,
        IReadOnlyDictionary<string, ToolTaskSupport>? taskSupport = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        string contextName = JsonContextName(interfaceName);
        var types = new SchemaTypeMapper(new TypeNamer(
            interfaceName, [.. s_referencedTypeNames, interfaceName, interfaceName + "Proxy", contextName, .. @namespace.Split('.')]));
        var methodNames = new NameScope(interfaceName);
        var methods = new List<ToolMethodDeclaration>(tools.Count);
        foreach (Tool tool in tools)
        {
            string owner = Identifiers.Pascal(tool.Name, fallback: "Tool");
            string methodName = methodNames.Claim(owner + "Async");
            IReadOnlyList<ParameterDeclaration> parameters = Parameters(tool, owner, types);
            // Without an output schema most tools answer with text; the raw CallToolResult is there when asked for.
            TypeRef? result = tool.OutputSchema is { ValueKind: JsonValueKind.Object } output
                ? types.MapResult(output, owner, tool.Name)
                : rawResults ? null : TypeRef.String;
            ToolTaskSupport runsAsTask = taskSupport?.GetValueOrDefault(tool.Name) ?? ToolTaskSupport.Forbidden;
            methods.Add(new ToolMethodDeclaration(methodName, tool.Name, Summary(tool), parameters, result, runsAsTask));
        }

        string serverDescription = server is null ? "an MCP server" : $"{server.Name} {server.Version}".Trim();
        return new ClientDeclaration(
            @namespace, interfaceName, serverDescription, methods, types.Records, types.Enums, JsonContext(contextName, methods, types.Records));
    }

    /// <summary><c>IEverythingTools</c> → <c>EverythingToolsJsonContext</c>.</summary>
    private static string JsonContextName(string interfaceName) =>
        (interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1]) ? interfaceName[1..] : interfaceName) + "JsonContext";

    /// <summary>
    /// Every type the proxy reads or writes that McpSdk's built-in context lacks: argument and result types (a list of
    /// records is a type of its own) and every record; <see langword="null"/> when there are none.
    /// </summary>
    private static JsonContextDeclaration? JsonContext(string name, List<ToolMethodDeclaration> methods, IReadOnlyList<RecordDeclaration> records)
    {
        string[] types = methods
            .SelectMany(m => m.Parameters.Select(p => p.Type.Name).Concat(m.Result is null ? [] : [m.Result.Name]))
            .Concat(records.Select(r => r.Name))
            .Where(t => !s_builtInJsonTypes.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return types.Length == 0 ? null : new JsonContextDeclaration(name, types);
    }

    private static IReadOnlyList<ParameterDeclaration> Parameters(Tool tool, string owner, SchemaTypeMapper types)
    {
        JsonElement schema = tool.InputSchema;
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("properties", out JsonElement properties)
            || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        HashSet<string> required = SchemaTypeMapper.RequiredNames(schema);
        JsonProperty[] ordered =
        [
            .. properties.EnumerateObject().Where(p => required.Contains(p.Name)),
            .. properties.EnumerateObject().Where(p => !required.Contains(p.Name)),
        ];

        var names = new NameScope("cancellationToken");
        var parameters = new List<ParameterDeclaration>(ordered.Length);
        foreach (JsonProperty property in ordered)
        {
            string wire = property.Name;
            string name = names.Claim(Identifiers.Camel(wire));
            string origin = "the " + CSharpText.Code(wire) + " argument of " + CSharpText.Code(tool.Name);
            TypeRef type = types.Map(property.Value, new SchemaContext(schema, Identifiers.Pascal(wire), owner, origin));
            string description = SchemaTypeMapper.WithNote(
                SchemaTypeMapper.Describe(property.Value, "The " + CSharpText.Code(wire) + " argument."), type);
            parameters.Add(new ParameterDeclaration(
                Identifiers.Escape(name), wire, NeedsWireName: name != wire, type, required.Contains(wire), description));
        }

        return parameters;
    }

    private static string[] Summary(Tool tool)
    {
        if (!string.IsNullOrWhiteSpace(tool.Description))
        {
            return CSharpText.XmlLines(tool.Description);
        }

        if (!string.IsNullOrWhiteSpace(tool.Title))
        {
            return CSharpText.XmlLines(tool.Title);
        }

        return ["Calls the " + CSharpText.Code(tool.Name) + " tool."];
    }
}
