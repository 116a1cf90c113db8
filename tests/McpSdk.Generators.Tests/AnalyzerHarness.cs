using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>Runs one of the package's analyzers over C# source text compiled as <see cref="GeneratorDriverHarness"/> does.</summary>
internal static class AnalyzerHarness
{
    /// <summary>What <paramref name="analyzer"/> reports for <paramref name="source"/>, which must otherwise compile.</summary>
    public static async Task<AnalyzerRun> RunAsync(DiagnosticAnalyzer analyzer, string source)
    {
        Compilation compilation = GeneratorDriverHarness.CreateCompilation(source);
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer))
            .GetAnalyzerDiagnosticsAsync();
        return new AnalyzerRun(compilation, diagnostics);
    }
}

/// <summary>An analyzer's diagnostics over one compilation.</summary>
internal sealed record AnalyzerRun(Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>The source text <paramref name="diagnostic"/> underlines.</summary>
    public static string LocatedText(Diagnostic diagnostic)
    {
        Assert.True(diagnostic.Location.IsInSource, "The diagnostic has no source location.");
        return diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
