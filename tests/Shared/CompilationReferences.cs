using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace McpSdk.Testing;

/// <summary>
/// The references an in-memory compilation of McpSdk client code needs: the running framework, McpSdk, the official
/// MCP SDK and System.Text.Json. Shared by the test projects that compile generated or scaffolded code.
/// </summary>
internal static class CompilationReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_all = new(Load);

    public static ImmutableArray<MetadataReference> All => s_all.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
        foreach (string path in trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            paths.Add(path);
        }

        paths.Add(typeof(McpClientAttribute).Assembly.Location);
        paths.Add(typeof(ModelContextProtocol.Protocol.CallToolResult).Assembly.Location);
        paths.Add(typeof(System.Text.Json.JsonSerializer).Assembly.Location);

        // The same assembly can sit in the list twice under different file names; keep one per simple name.
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in paths.Order(StringComparer.Ordinal))
        {
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        }

        return [.. byName.Values.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
