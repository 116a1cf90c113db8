using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Cli.Checking;
using McpSdk.Generators;
using McpSdk.Invocation;
using McpSdk.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// What <c>mcpsdk check</c> reads from a compiled assembly is what the generated proxy declares, so the CLI and the
/// generator cannot disagree about which methods call which tools with which arguments.
/// </summary>
public sealed class CompiledInterfaceReaderTests
{
    private static readonly string s_assembly = typeof(CompiledInterfaceReaderTests).Assembly.Location;

    [Fact]
    public void A_default_implemented_method_is_not_read_because_the_generator_does_not_proxy_it()
    {
        var methods = CompiledInterfaceReader.Read(s_assembly, typeof(IDefaultImplementedTools).FullName!);

        ToolMethod method = Assert.Single(methods);
        Assert.Equal("IDefaultImplementedTools.EchoAsync", method.MemberName);
        Assert.Equal(["message"], method.Arguments.Select(a => a.Name));
    }

    [Fact]
    public void Tool_methods_are_read_with_the_proxys_wire_names_types_and_policies()
    {
        var methods = CompiledInterfaceReader.Read(s_assembly, typeof(IRenamedArgumentTools).FullName!);

        ToolMethod method = Assert.Single(methods);
        Assert.Equal("echo", method.ToolName);
        ToolArgument argument = Assert.Single(method.Arguments);
        Assert.Equal("message", argument.Name);
        Assert.Equal(typeof(string), argument.Type);
    }

    [Fact]
    public async Task An_interface_the_generator_refuses_is_a_setup_error_not_a_crash()
    {
        // [McpArgument("")] is MCPSDK014: the generator writes no proxy, so there is nothing to check.
        string directory = Directory.CreateTempSubdirectory("mcpsdk-check-").FullName;
        try
        {
            string path = CompileWithGenerator(directory, """
                using System.Threading.Tasks;
                using McpSdk;

                namespace Refused;

                [McpClient]
                public interface IRefusedTools
                {
                    [McpTool("echo")]
                    Task<string> EchoAsync([McpArgument("")] string message);
                }
                """);

            CliResult result = await CliRunner.RunAsync(["check", "--assembly", path, "--interface", "Refused.IRefusedTools", "--stdio", "no-server-needed"]);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("no generated MCP proxy", result.Error, StringComparison.Ordinal);
            Assert.Contains("Refused.IRefusedTools", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Compiles <paramref name="source"/> with the generator, as a build would, and writes the assembly.</summary>
    private static string CompileWithGenerator(string directory, string source)
    {
        CSharpCompilation input = CSharpCompilation.Create(
            "RefusedTools",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            CompilationReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new McpClientGenerator())
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        Assert.Equal("MCPSDK014", Assert.Single(generatorDiagnostics).Id);

        string path = Path.Combine(directory, "RefusedTools.dll");
        var emitted = output.Emit(path, cancellationToken: CancellationToken.None);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return path;
    }
}

/// <summary>A tool method and a default-implemented method that calls it: only the first is a proxied tool method.</summary>
[McpClient]
public interface IDefaultImplementedTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("no-such-tool")]
    Task<string> EchoTwiceAsync(string message) => EchoAsync(message + message);
}
