using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using McpSdk.Testing;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// Compiles C# source text against the runtime, McpSdk and the official MCP SDK, and runs
/// <see cref="McpClientGenerator"/> over it with step tracking on.
/// </summary>
internal static class GeneratorDriverHarness
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions s_compilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        // Every warning wave: the generated code must stay clean under the strictest level.
        warningLevel: 9999);


    /// <summary>A compilation of <paramref name="sources"/>, each a file named <c>Source{index}.cs</c>.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Tests",
            sources.Select((source, index) => ParseTree(source, $"Source{index}.cs")),
            CompilationReferences.All,
            s_compilationOptions);

    public static SyntaxTree ParseTree(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new McpClientGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Compiles <paramref name="sources"/> and runs the generator once.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateDriver(), CreateCompilation(sources));

    /// <summary>Runs <paramref name="driver"/> (fresh or from an earlier run) over <paramref name="input"/>.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation input)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorRun(driver, input, output, generatorDiagnostics);
    }
}

/// <summary>The outcome of one generator run.</summary>
/// <param name="Driver">The driver after the run; run it again over a changed compilation to test caching.</param>
/// <param name="Input">The compilation the generator saw.</param>
/// <param name="Output">The input plus the generated trees.</param>
/// <param name="GeneratorDiagnostics">What the generator reported.</param>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>The generated proxies (each interface also gets an AI functions file: <see cref="FunctionSources"/>).</summary>
    public ImmutableArray<GeneratedSourceResult> GeneratedSources =>
        Result.GeneratedSources.Where(source => !IsFunctions(source)).ToImmutableArray();

    /// <summary>The generated <c>AsAIFunctions()</c> extension classes, one per interface.</summary>
    public ImmutableArray<GeneratedSourceResult> FunctionSources => Result.GeneratedSources.Where(IsFunctions).ToImmutableArray();

    /// <summary>The one generated AI functions file's text, with '\n' line ends.</summary>
    public string SingleFunctionsText() => Assert.Single(FunctionSources).SourceText.ToString().ReplaceLineEndings("\n");

    private static bool IsFunctions(GeneratedSourceResult source) => source.HintName.EndsWith(".AIFunctions.g.cs", System.StringComparison.Ordinal);

    /// <summary>The compiler's errors and warnings for the input plus the generated code.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The one generated file's text, with '\n' line ends.</summary>
    public string SingleGeneratedText()
    {
        GeneratedSourceResult source = Assert.Single(GeneratedSources);
        return source.SourceText.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Fails unless the generator reported nothing and the output compiles with no error and no warning.</summary>
    public void AssertCleanCompilation()
    {
        Assert.True(GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + Describe(GeneratorDiagnostics));
        ImmutableArray<Diagnostic> diagnostics = OutputDiagnostics;
        Assert.True(diagnostics.IsEmpty, "Compilation diagnostics:\n" + Describe(diagnostics));
    }

    /// <summary>
    /// The source text a diagnostic points at. Generator diagnostics carry a plain file location (no tree), so
    /// the tree is found by path in the input.
    /// </summary>
    public string LocatedText(Diagnostic diagnostic)
    {
        Assert.NotEqual(Location.None, diagnostic.Location);
        string path = diagnostic.Location.GetLineSpan().Path;
        SyntaxTree tree = Assert.Single(Input.SyntaxTrees, t => t.FilePath == path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics);
}
