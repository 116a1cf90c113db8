using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using McpSdk.Cli.Scaffolding.Model;
using McpSdk.Cli.Servers;

namespace McpSdk.Cli.Scaffolding;

/// <summary>Writes a <see cref="ClientDeclaration"/> as one C# file ('\n' line ends).</summary>
internal static class ClientWriter
{
    private const int LineWidth = 120;

    public static string Write(ClientDeclaration client)
    {
        var text = new StringBuilder();
        int toolCount = client.Methods.Count;
        text.Append("// Scaffolded by 'mcpsdk scaffold' from the MCP server ").Append(client.ServerDescription)
            .Append(" (").Append(toolCount).Append(toolCount == 1 ? " tool" : " tools").Append(").\n");
        text.Append("// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].\n");
        text.Append("// Tools without an output schema return their text content; one that answers with images or resources needs\n");
        text.Append("// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.\n");
        text.Append("#nullable enable\n\n");

        foreach (string import in Usings(client))
        {
            text.Append("using ").Append(import).Append(";\n");
        }

        text.Append("\nnamespace ").Append(client.Namespace).Append(";\n\n");
        WriteInterface(text, client);
        foreach (RecordDeclaration record in client.Records)
        {
            text.Append('\n');
            WriteRecord(text, record);
        }

        foreach (EnumDeclaration declaration in client.Enums)
        {
            text.Append('\n');
            WriteEnum(text, declaration);
        }

        if (client.JsonContext is { } context)
        {
            text.Append('\n');
            WriteJsonContext(text, client.InterfaceName, context);
        }

        return text.ToString();
    }

    private static IEnumerable<string> Usings(ClientDeclaration client)
    {
        IEnumerable<TypeRef> types = client.Methods.SelectMany(m => m.Parameters.Select(p => p.Type).Append(m.Result ?? TypeRef.String))
            .Concat(client.Records.SelectMany(r => r.Properties.Select(p => p.Type)));
        string[] names = types.Select(t => t.Name).ToArray();

        var usings = new SortedSet<string>(StringComparer.Ordinal) { "System.Threading", "System.Threading.Tasks", "McpSdk" };
        if (names.Any(n => n.Contains("IReadOnly", StringComparison.Ordinal)))
        {
            usings.Add("System.Collections.Generic");
        }

        if (names.Any(n => n.Contains("JsonElement", StringComparison.Ordinal)))
        {
            usings.Add("System.Text.Json");
        }

        if (client.JsonContext is not null || client.Records.Count > 0 || client.Enums.Any(e => e.Members.Any(m => m.NeedsWireName)))
        {
            usings.Add("System.Text.Json.Serialization");
        }

        if (client.Methods.Any(m => m.Result is null))
        {
            usings.Add("ModelContextProtocol.Protocol");
        }

        // System namespaces first, as 'dotnet format' orders them.
        return usings.Where(u => u.StartsWith("System", StringComparison.Ordinal))
            .Concat(usings.Where(u => !u.StartsWith("System", StringComparison.Ordinal)));
    }

    private static void WriteInterface(StringBuilder text, ClientDeclaration client)
    {
        WriteSummary(text, string.Empty, [$"The tools of the MCP server {CSharpText.Inline(client.ServerDescription)}."]);
        text.Append(client.JsonContext is { } context ? "[McpClient(JsonContext = typeof(" + context.Name + "))]\n" : "[McpClient]\n");
        text.Append("public interface ").Append(client.InterfaceName).Append('\n').Append("{\n");
        for (int i = 0; i < client.Methods.Count; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }

            WriteMethod(text, client.Methods[i]);
        }

        text.Append("}\n");
    }

    private static void WriteMethod(StringBuilder text, ToolMethodDeclaration method)
    {
        const string indent = "    ";
        WriteSummary(text, indent, method.Summary);
        foreach (ParameterDeclaration parameter in method.Parameters)
        {
            WriteParam(text, indent, parameter.Name.TrimStart('@'), parameter.Description);
        }

        WriteParam(text, indent, "cancellationToken", method.TaskSupport == ToolTaskSupport.Required
            ? "Cancels the call (the server is sent <c>tasks/cancel</c>)."
            : "Cancels the call (the server is sent <c>notifications/cancelled</c>).");
        if (TaskRemark(method.TaskSupport) is { } remark)
        {
            WriteRemarks(text, indent, remark);
        }

        text.Append(indent).Append("[McpTool(").Append(CSharpText.Literal(method.ToolName)).Append(")]\n");
        if (method.TaskSupport == ToolTaskSupport.Required)
        {
            text.Append(indent).Append("[RunAsTask]\n");
        }

        string result = method.Result is null ? "CallToolResult" : method.Result.Render();
        string head = indent + "Task<" + result + "> " + method.Name + "(";
        List<string> parameters = method.Parameters.Select(Parameter).Append("CancellationToken cancellationToken = default").ToList();
        string oneLine = head + string.Join(", ", parameters) + ");";
        if (oneLine.Length <= LineWidth)
        {
            text.Append(oneLine).Append('\n');
            return;
        }

        text.Append(head).Append('\n');
        for (int i = 0; i < parameters.Count; i++)
        {
            text.Append(indent).Append(indent).Append(parameters[i]).Append(i == parameters.Count - 1 ? ");\n" : ",\n");
        }
    }

    /// <summary>What a method's docs say about running its tool as an MCP task; <see langword="null"/> when it cannot.</summary>
    private static string? TaskRemark(ToolTaskSupport support) => support switch
    {
        ToolTaskSupport.Required =>
            "The server runs this tool only as an MCP task (<c>execution.taskSupport</c> is <c>required</c>): the call " +
            "polls the task to its end. To start it now and collect the result later, return " +
            "<c>Task&lt;McpTask&lt;T&gt;&gt;</c> instead.",
        ToolTaskSupport.Optional =>
            "The server can run this tool as an MCP task (<c>execution.taskSupport</c> is <c>optional</c>): add " +
            "<c>[RunAsTask]</c> for calls that may outlive a request, or return <c>Task&lt;McpTask&lt;T&gt;&gt;</c> to " +
            "collect the result later.",
        _ => null,
    };

    private static string Parameter(ParameterDeclaration parameter)
    {
        string attribute = parameter.NeedsWireName ? "[McpArgument(" + CSharpText.Literal(parameter.WireName) + ")] " : string.Empty;
        return parameter.Required
            ? attribute + parameter.Type.Render() + " " + parameter.Name
            : attribute + parameter.Type.Render(optional: true) + " " + parameter.Name + " = null";
    }

    private static void WriteRecord(StringBuilder text, RecordDeclaration record)
    {
        WriteSummary(text, string.Empty, [record.Summary]);
        foreach (PropertyDeclaration property in record.Properties)
        {
            WriteParam(text, string.Empty, property.Name, property.Description);
        }

        text.Append("public sealed record ").Append(record.Name).Append("(\n");
        for (int i = 0; i < record.Properties.Count; i++)
        {
            PropertyDeclaration property = record.Properties[i];
            text.Append("    [property: JsonPropertyName(").Append(CSharpText.Literal(property.WireName)).Append(')');
            if (property.Required)
            {
                text.Append("] ").Append(property.Type.Render()).Append(' ').Append(property.Name);
            }
            else
            {
                // Optional members are left out when null: servers validate "absent", not "null".
                text.Append(", JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ")
                    .Append(property.Type.Render(optional: true)).Append(' ').Append(property.Name).Append(" = null");
            }

            text.Append(i == record.Properties.Count - 1 ? ");\n" : ",\n");
        }
    }

    private static void WriteEnum(StringBuilder text, EnumDeclaration declaration)
    {
        WriteSummary(text, string.Empty, [declaration.Summary]);
        text.Append("public enum ").Append(declaration.Name).Append("\n{\n");
        foreach (EnumMemberDeclaration member in declaration.Members)
        {
            text.Append("    /// <summary>").Append(CSharpText.Code(member.WireValue)).Append(" on the wire.</summary>\n");
            if (member.NeedsWireName)
            {
                text.Append("    [JsonStringEnumMemberName(").Append(CSharpText.Literal(member.WireValue)).Append(")]\n");
            }

            text.Append("    ").Append(member.Name).Append(",\n");
        }

        text.Append("}\n");
    }

    private static void WriteJsonContext(StringBuilder text, string interfaceName, JsonContextDeclaration context)
    {
        WriteSummary(text, string.Empty,
        [
            $"JSON metadata for the types of <see cref=\"{interfaceName}\"/>, written at build time by System.Text.Json's source " +
            "generator, so the client needs no reflection (trimmed and Native AOT applications).",
        ]);
        foreach (string type in context.Types)
        {
            text.Append("[JsonSerializable(typeof(").Append(type).Append("))]\n");
        }

        text.Append("internal sealed partial class ").Append(context.Name).Append(" : JsonSerializerContext;\n");
    }

    private static void WriteSummary(StringBuilder text, string indent, IReadOnlyList<string> lines)
    {
        List<string> wrapped = lines.SelectMany(line => Wrap(line, LineWidth - indent.Length - 4)).ToList();
        if (wrapped.Count == 1 && indent.Length + wrapped[0].Length + 25 <= LineWidth)
        {
            text.Append(indent).Append("/// <summary>").Append(wrapped[0]).Append("</summary>\n");
            return;
        }

        text.Append(indent).Append("/// <summary>\n");
        foreach (string line in wrapped)
        {
            text.Append(indent).Append("///");
            if (line.Length > 0)
            {
                text.Append(' ').Append(line);
            }

            text.Append('\n');
        }

        text.Append(indent).Append("/// </summary>\n");
    }

    private static void WriteRemarks(StringBuilder text, string indent, string remark)
    {
        text.Append(indent).Append("/// <remarks>\n");
        foreach (string line in Wrap(remark, LineWidth - indent.Length - 4))
        {
            text.Append(indent).Append("/// ").Append(line).Append('\n');
        }

        text.Append(indent).Append("/// </remarks>\n");
    }

    private static void WriteParam(StringBuilder text, string indent, string name, string description)
    {
        string open = "/// <param name=\"" + name + "\">";
        if (indent.Length + open.Length + description.Length + "</param>".Length <= LineWidth)
        {
            text.Append(indent).Append(open).Append(description).Append("</param>\n");
            return;
        }

        text.Append(indent).Append(open).Append('\n');
        foreach (string line in Wrap(description, LineWidth - indent.Length - 4))
        {
            text.Append(indent).Append("/// ").Append(line).Append('\n');
        }

        text.Append(indent).Append("/// </param>\n");
    }

    // Breaks at spaces only, so an escaped entity or a <c> element is never split.
    private static IEnumerable<string> Wrap(string line, int width)
    {
        if (line.Length <= width)
        {
            yield return line;
            yield break;
        }

        var current = new StringBuilder();
        foreach (string word in line.Split(' '))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                yield return current.ToString();
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
