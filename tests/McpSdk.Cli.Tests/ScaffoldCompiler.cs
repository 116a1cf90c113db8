using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using McpSdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using McpSdk.Testing;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// Compiles a scaffolded file in memory together with the proxy that <see cref="McpClientGenerator"/> writes for it,
/// at the strictest warning level and with doc comments checked, as a consumer's build with warnings as errors would.
/// </summary>
internal static class ScaffoldCompiler
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);


    /// <summary>Fails unless the generator reports nothing, writes a proxy, and the whole compiles with no error and no warning.</summary>
    public static void AssertCompilesCleanly(string source, string path = "Scaffolded.cs")
    {
        CSharpCompilation input = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(source, s_parseOptions, path)],
            CompilationReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

        GeneratorDriver driver = CSharpGeneratorDriver.Create([new McpClientGenerator().AsSourceGenerator()], parseOptions: s_parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.True(generatorDiagnostics.IsEmpty, "Generator diagnostics:\n" + string.Join("\n", generatorDiagnostics));
        Assert.True(output.SyntaxTrees.Count() > 1, "The generator wrote no proxy.");
        Diagnostic[] diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(diagnostics.Length == 0, "Compilation diagnostics:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
    }
}
