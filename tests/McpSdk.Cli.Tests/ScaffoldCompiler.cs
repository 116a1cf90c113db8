using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using McpSdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using McpSdk.Testing;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// Compiles a scaffolded file in memory together with the proxy that <see cref="McpClientGenerator"/> writes for it and
/// the JSON context System.Text.Json's generator writes, at the strictest warning level and with doc comments checked,
/// as a consumer's build with warnings as errors would.
/// </summary>
internal static class ScaffoldCompiler
{
    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly Lazy<ISourceGenerator[]> s_jsonGenerator = new(LoadJsonGenerator);


    /// <summary>Fails unless the generator reports nothing, writes a proxy, and the whole compiles with no error and no warning.</summary>
    public static void AssertCompilesCleanly(string source, string path = "Scaffolded.cs") => AssertCompilesCleanly([source], path);

    /// <summary>As <see cref="AssertCompilesCleanly(string, string)"/>, for several files of one project.</summary>
    public static void AssertCompilesCleanly(string[] sources, string path = "Scaffolded.cs")
    {
        (Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics) = Compile(
            OutputKind.DynamicallyLinkedLibrary,
            [.. sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, s_parseOptions, i == 0 ? path : $"{Path.GetFileNameWithoutExtension(path)}{i + 1}.cs"))]);

        Assert.True(generatorDiagnostics.IsEmpty, "Generator diagnostics:\n" + string.Join("\n", generatorDiagnostics));
        Assert.True(output.SyntaxTrees.Count() > 1, "The generator wrote no proxy.");
        AssertNoWarnings(output);
    }

    /// <summary>
    /// Compiles <paramref name="source"/> as <see cref="AssertCompilesCleanly(string, string)"/> does, loads the assembly
    /// and runs its module initializer, so <c>McpConnection.CreateClient</c> finds the generated proxy.
    /// </summary>
    public static Assembly CompileAndLoad(string source, string path = "Scaffolded.cs")
    {
        (Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics) = Compile(
            OutputKind.DynamicallyLinkedLibrary, CSharpSyntaxTree.ParseText(source, s_parseOptions, path));
        Assert.True(generatorDiagnostics.IsEmpty, "Generator diagnostics:\n" + string.Join("\n", generatorDiagnostics));
        AssertNoWarnings(output);

        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assembly assembly = Assembly.Load(image.ToArray());
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        return assembly;
    }

    /// <summary>
    /// Parses <paramref name="source"/> as a new project does: latest language; doc comments are checked only when
    /// <paramref name="documented"/> (a project that generates a documentation file).
    /// </summary>
    public static SyntaxTree Parse(string source, string path, bool documented = false) =>
        CSharpSyntaxTree.ParseText(source, documented ? s_parseOptions : s_parseOptions.WithDocumentationMode(DocumentationMode.Parse), path);

    /// <summary>Compiles <paramref name="trees"/> with McpSdk's and System.Text.Json's generators attached, nullable on.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics) Compile(OutputKind kind, params SyntaxTree[] trees)
    {
        CSharpCompilation input = CSharpCompilation.Create(
            "Consumer",
            trees,
            CompilationReferences.All,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new McpClientGenerator().AsSourceGenerator(), .. s_jsonGenerator.Value], parseOptions: s_parseOptions);
        driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return (output, generatorDiagnostics);
    }

    /// <summary>Fails with every error and warning of <paramref name="output"/>, if it has any.</summary>
    public static void AssertNoWarnings(Compilation output, string? what = null)
    {
        Diagnostic[] diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(diagnostics.Length == 0, (what is null ? "" : what + ": ") + "Compilation diagnostics:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
    }

    /// <summary>System.Text.Json's source generator, from the targeting pack of the running framework, as a build uses it.</summary>
    private static ISourceGenerator[] LoadJsonGenerator()
    {
        string runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string version = Path.GetFileName(runtime);
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string pack = Directory.Exists(Path.Combine(packs, version))
            ? Path.Combine(packs, version)
            : Directory.GetDirectories(packs).Order(StringComparer.Ordinal).Last();
        string path = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        var reference = new AnalyzerFileReference(path, new JsonGeneratorLoader());
        ISourceGenerator[] generators = [.. reference.GetGenerators(LanguageNames.CSharp)];
        Assert.True(generators.Length > 0, $"No source generator in '{path}'.");
        return generators;
    }

    private sealed class JsonGeneratorLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
