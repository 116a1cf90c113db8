using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using McpSdk.Testing;

namespace McpSdk.Generators.Tests;

/// <summary>
/// Roslyn's own generator driver with step tracking on, for what Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing
/// cannot express: running one driver twice over edited compilations and reading each tracked step's run reason
/// (<see cref="IncrementalTests"/>), and reading the values a tracked step produced (<see cref="ModelPurityTests"/>).
/// The library at 1.1.4 (the newest this feed serves) keeps no driver between runs and exposes no tracked step; the
/// roslyn-sdk sources have since added expected incremental step states, so move IncrementalTests over once a release
/// with them is served.
/// Diagnostics and emitted code are tested on the library (<see cref="McpGeneratorTest"/>), not here.
/// </summary>
internal static class GeneratorDriverHarness
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions s_compilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>A compilation of <paramref name="sources"/>, each a file named <c>Source{index}.cs</c>.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Tests",
            sources.Select((source, index) => ParseTree(source, $"Source{index}.cs")),
            CompilationReferences.All,
            s_compilationOptions);

    public static SyntaxTree ParseTree(string source, string path) => CSharpSyntaxTree.ParseText(source, s_parseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new McpClientGenerator().AsSourceGenerator() },
            parseOptions: s_parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Compiles <paramref name="sources"/> and runs the generator once, with its steps tracked.</summary>
    public static GeneratorRunResult Run(params string[] sources) =>
        CreateDriver().RunGenerators(CreateCompilation(sources)).GetRunResult().Results.Single();
}
