using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpSdk.Cli.Tests.Readme;

/// <summary>
/// Compiles documentation code blocks the way a reader would use them. A whole block is the <c>Program.cs</c> of a new
/// console project (<c>dotnet new console</c>: implicit usings, nullable on) that references McpSdk, alone. A fragment
/// is the body of an async method in such a project that also holds the types the README's whole programs declare
/// (its <c>IEverythingTools</c>), with <c>services</c> (<c>IServiceCollection</c>), <c>configuration</c>
/// (<c>IConfiguration</c>) and <c>serverUri</c> (<c>Uri</c>) in scope, and McpSdk's namespaces and Microsoft.Extensions.AI
/// imported (the README says so where a fragment needs it).
/// </summary>
internal static class ReadmeCompilation
{
    // What 'dotnet new console' imports implicitly (Microsoft.NET.Sdk's ImplicitUsings).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private const string FragmentUsings = """
        global using McpSdk;
        global using McpSdk.Authorization;
        global using Microsoft.Extensions.AI;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        """;

    /// <summary>Compiles one block; returns the generator's diagnostics and the compilation with the generated code.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics) Compile(MarkdownCodeBlock block, IEnumerable<MarkdownCodeBlock> wholePrograms)
    {
        if (!block.IsFragment)
        {
            return ScaffoldCompiler.Compile(
                OutputKind.ConsoleApplication,
                ScaffoldCompiler.Parse(ImplicitUsings, "GlobalUsings.g.cs"),
                ScaffoldCompiler.Parse(block.Code, block + " (Program.cs)"));
        }

        // The fragment's context: the types of the whole programs, without their top-level statements.
        IEnumerable<string> types = wholePrograms
            .Select(program => (CompilationUnitSyntax)ScaffoldCompiler.Parse(program.Code, program.ToString()).GetRoot())
            .SelectMany(unit => unit.Members.Where(member => member is not GlobalStatementSyntax))
            .Select(member => member.ToFullString());

        string method = $$"""
            #pragma warning disable CS1998 // a fragment need not await
            internal static class Fragment
            {
                internal static async Task RunAsync(IServiceCollection services, IConfiguration configuration, Uri serverUri)
                {
            #line 1 "{{block}}"
            {{block.Code}}
            #line default
                }
            }
            """;

        return ScaffoldCompiler.Compile(
            OutputKind.DynamicallyLinkedLibrary,
            ScaffoldCompiler.Parse(ImplicitUsings + "\n" + FragmentUsings, "GlobalUsings.g.cs"),
            ScaffoldCompiler.Parse(string.Join("\n", types), "Types.cs"),
            ScaffoldCompiler.Parse(method, "Fragment.cs"));
    }
}
