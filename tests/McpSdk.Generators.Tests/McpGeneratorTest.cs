using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace McpSdk.Generators.Tests;

/// <summary>
/// <see cref="McpClientGenerator"/> on Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing, set up as a consuming
/// project is: McpSdk, the official MCP SDK and Microsoft.Extensions.AI referenced, nullable on, every warning wave,
/// and every compiler warning counted (a test fails on any diagnostic it does not expect, in the input or the output).
/// </summary>
internal sealed class McpGeneratorTest : CSharpSourceGeneratorTest<McpClientGenerator, DefaultVerifier>
{
    /// <summary>Where the library puts the generator's files: <c>{assembly}/{generator type}/{hint name}</c>.</summary>
    private static readonly string s_generatedFolder =
        Path.Combine(typeof(McpClientGenerator).Assembly.GetName().Name!, typeof(McpClientGenerator).FullName!);

    public McpGeneratorTest(params string[] sources)
    {
        ReferenceAssemblies = McpTestReferences.Net10;
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        TestState.DocumentationMode = DocumentationMode.Parse;
        foreach (string source in sources)
        {
            TestState.Sources.Add(source);
        }

        McpTestReferences.AddTo(TestState);
    }

    /// <summary>
    /// How doc comments are parsed. <see cref="DocumentationMode.Parse"/> (the default here, the library's is
    /// <c>Diagnose</c>) reads them as a build without <c>GenerateDocumentationFile</c> does, without CS1591 on test types.
    /// </summary>
    public DocumentationMode DocumentationMode
    {
        get => TestState.DocumentationMode ?? DocumentationMode.Parse;
        init => TestState.DocumentationMode = value;
    }

    /// <summary>The compilation the library checked: the input plus the generated trees (null before a run).</summary>
    public Compilation? Output { get; private set; }

    /// <summary>The generated files of the last run by hint name, with '\n' line ends.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources =>
        (Output ?? throw new InvalidOperationException("Run the test first."))
            .SyntaxTrees
            .Where(tree => Path.GetDirectoryName(tree.FilePath) == s_generatedFolder)
            .ToDictionary(tree => Path.GetFileName(tree.FilePath), tree => tree.GetText().ToString().ReplaceLineEndings("\n"), StringComparer.Ordinal);

    /// <summary>
    /// Runs the generator over <paramref name="sources"/> (diagnostic markup allowed), fails unless exactly the
    /// markup's and <paramref name="expected"/> diagnostics are reported, and returns the hint names of the files it
    /// wrote, in order: diagnostics tests say whether a proxy was written, the baseline tests what it says.
    /// </summary>
    public static async Task<string[]> VerifyDiagnosticsAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new McpGeneratorTest(sources) { TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck };
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync().ConfigureAwait(false);
        return [.. test.GeneratedSources.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Expects <paramref name="hintName"/> with exactly <paramref name="text"/> among the generated files.</summary>
    public void ExpectGenerated(string hintName, string text) =>
        TestState.GeneratedSources.Add((typeof(McpClientGenerator), hintName, text));

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithNullableContextOptions(NullableContextOptions.Enable)
            // Every warning wave: the generated code must stay clean under the strictest level.
            .WithWarningLevel(9999);

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions())
            .WithLanguageVersion(LanguageVersion.Latest);

    // The library compiles the project once per check; the first compilation is the plain input's.
    protected override async Task<(Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics)> GetProjectCompilationAsync(
        Project project, IVerifier verifier, CancellationToken cancellationToken)
    {
        (Compilation compilation, ImmutableArray<Diagnostic> generatorDiagnostics) =
            await base.GetProjectCompilationAsync(project, verifier, cancellationToken).ConfigureAwait(false);
        Output ??= compilation;
        return (compilation, generatorDiagnostics);
    }
}
