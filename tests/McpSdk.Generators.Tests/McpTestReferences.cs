using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace McpSdk.Generators.Tests;

/// <summary>The references every library-driven test compiles against (the generator's and the analyzer's alike).</summary>
internal static class McpTestReferences
{
    /// <summary>
    /// .NET 10's reference pack. The built-in <c>ReferenceAssemblies.Net.Net90</c> asks for a pack version this
    /// machine's feed does not serve.
    /// </summary>
    public static ReferenceAssemblies Net10 { get; } =
        new("net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"));

    /// <summary>McpSdk, the official MCP SDK, Microsoft.Extensions.AI (each interface's AsAIFunctions()) and DI abstractions.</summary>
    public static void AddTo(ProjectState state)
    {
        ImmutableArray<Type> anchors =
        [
            typeof(McpClientAttribute),
            typeof(ModelContextProtocol.Protocol.CallToolResult),
            typeof(Microsoft.Extensions.AI.AIFunction),
            typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection),
        ];
        foreach (Type anchor in anchors)
        {
            state.AdditionalReferences.Add(MetadataReference.CreateFromFile(anchor.Assembly.Location));
        }
    }
}
