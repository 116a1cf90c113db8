using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ModelContextProtocol.Protocol;

namespace McpSdk.Cli.Scaffolding;

/// <summary>
/// Names the records and enums of one scaffolded file so that they cannot clash: each starts with the interface's
/// stem (<c>IGitTools</c> → <c>Git…</c>), so two interfaces scaffolded into one namespace never declare the same type;
/// a generic word (<c>Format</c>, <c>Type</c>, <c>Status</c>…) is qualified by its tool as well (<c>GitLogFormat</c>);
/// and no name is that of a type in a namespace a C# file commonly imports (<c>System</c>, its collections, tasks,
/// JSON, McpSdk, the MCP protocol types), so none hides or is ambiguous with one.
/// </summary>
internal sealed class TypeNamer
{
    // Words that say nothing of whose they are: alone, two tools (or two servers) would both claim them.
    private static readonly FrozenSet<string> s_genericWords = FrozenSet.ToFrozenSet(
    [
        "Action", "Args", "Arguments", "Body", "Category", "Config", "Content", "Data", "Detail", "Details", "Direction",
        "Entry", "Error", "Event", "Filter", "Format", "Id", "Info", "Input", "Item", "Items", "Key", "Kind", "Level",
        "Message", "Method", "Mode", "Name", "Node", "Object", "Operation", "Option", "Options", "Order", "Output",
        "Params", "Parameters", "Payload", "Priority", "Query", "Record", "Request", "Response", "Result", "ResultItem", "Results",
        "Scope", "Settings", "Sort", "Source", "State", "Status", "Strategy", "Target", "Type", "Value", "Values",
    ], StringComparer.Ordinal);

    private static readonly Lazy<FrozenSet<string>> s_importedTypeNames = new(LoadImportedTypeNames);

    private readonly NameScope _names;
    private readonly string _stem;

    /// <param name="interfaceName">The interface, whose stem starts every name.</param>
    /// <param name="reserved">Other names the file declares or refers to.</param>
    public TypeNamer(string interfaceName, IEnumerable<string> reserved)
    {
        _stem = Stem(interfaceName);
        _names = new NameScope(reserved.Concat(s_importedTypeNames.Value));
    }

    /// <summary><c>IGitTools</c> → <c>Git</c>; <c>IEverythingClient</c> → <c>Everything</c>.</summary>
    public static string Stem(string interfaceName)
    {
        string stem = interfaceName.Length > 1 && interfaceName[0] == 'I' && char.IsUpper(interfaceName[1]) ? interfaceName[1..] : interfaceName;
        foreach (string suffix in (ReadOnlySpan<string>)["Tools", "Client"])
        {
            if (stem.Length > suffix.Length && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                return stem[..^suffix.Length];
            }
        }

        return stem;
    }

    /// <summary>
    /// A free name for a type made for <paramref name="hint"/> (e.g. <c>Entity</c>) in the tool <paramref name="owner"/>
    /// (PascalCase, e.g. <c>CreateEntities</c>): the stem + the hint, or the stem + the tool + the hint when the hint is
    /// generic or already taken, numbered only when even that is taken.
    /// </summary>
    public string Claim(string hint, string owner)
    {
        // "{Tool}Result" names what a tool answers; a nested member named "result(s)" must not take it first.
        if (hint == "Result")
        {
            hint = "ResultItem";
        }

        if (!s_genericWords.Contains(hint) && _names.TryClaim(WithStem(hint)))
        {
            return WithStem(hint);
        }

        return _names.Claim(WithStem(hint.StartsWith(owner, StringComparison.Ordinal) ? hint : owner + hint));
    }

    private string WithStem(string name) => name.StartsWith(_stem, StringComparison.Ordinal) ? name : _stem + name;

    /// <summary>The public types of the namespaces a file that uses the client is likely to import.</summary>
    private static FrozenSet<string> LoadImportedTypeNames()
    {
        string[] namespaces =
        [
            "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
            "System.Threading.Tasks", "System.Text.Json", "System.Text.Json.Serialization", "McpSdk", "ModelContextProtocol.Protocol",
        ];
        Assembly[] assemblies =
        [
            typeof(object).Assembly, typeof(Uri).Assembly, typeof(Enumerable).Assembly, typeof(System.Net.Http.HttpClient).Assembly,
            typeof(LinkedList<>).Assembly, typeof(System.Text.Json.JsonElement).Assembly, typeof(McpClientAttribute).Assembly,
            typeof(CallToolResult).Assembly, typeof(System.Collections.Concurrent.ConcurrentDictionary<,>).Assembly,
        ];
        return assemblies.Distinct()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type.Namespace is { } ns && namespaces.Contains(ns, StringComparer.Ordinal))
            .Select(type => type.Name.Split('`')[0])
            .ToFrozenSet(StringComparer.Ordinal);
    }
}
