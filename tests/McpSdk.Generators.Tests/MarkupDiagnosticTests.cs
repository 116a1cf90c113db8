using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// Every MCPSDK diagnostic, on Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing (and .Analyzer.Testing for the
/// analyzer's MCPSDK017): the markup <c>{|MCPSDK001:EchoAsync|}</c> says which diagnostic underlines which text, and
/// the library fails on any other diagnostic, the compiler's included. The emitted code itself is checked by the
/// baseline tests (EmitterSnapshotTests), and caching by IncrementalTests on the in-house driver: the library cannot
/// track incremental steps.
/// </summary>
public sealed class MarkupDiagnosticTests
{
    // The built-in ReferenceAssemblies.Net.Net90 asks for a reference pack this machine's feed does not serve.
    private static readonly ReferenceAssemblies s_net10 =
        new("net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"), Path.Combine("ref", "net10.0"));

    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using McpSdk;

        """;

    [Fact]
    public Task MCPSDK001_a_method_without_McpTool() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            Task<string> {|MCPSDK001:EchoAsync|}(string message);
        }
        """);

    [Fact]
    public Task MCPSDK002_a_return_type_that_is_not_a_task() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            {|MCPSDK002:string|} Echo(string message);
        }
        """);

    [Fact]
    public Task MCPSDK003_an_empty_tool_name() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [{|MCPSDK003:McpTool("")|}]
            Task<string> EchoAsync(string message);
        }
        """);

    [Fact]
    public Task MCPSDK004_a_second_cancellation_token() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message, CancellationToken first, CancellationToken {|MCPSDK004:second|});
        }
        """);

    [Fact]
    public Task MCPSDK005_a_generic_method() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("get")]
            Task<T> {|MCPSDK005:GetAsync|}<T>(string key);
        }
        """);

    [Fact]
    public Task MCPSDK006_a_property() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            string {|MCPSDK006:Name|} { get; }

            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """);

    [Fact]
    public Task MCPSDK007_a_ref_parameter() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("count")]
            Task CountAsync(ref int {|MCPSDK007:count|});
        }
        """);

    [Fact]
    public Task MCPSDK008_a_JsonContext_that_is_not_a_JsonSerializerContext() => VerifyAsync("""
        public sealed class NotAContext
        {
        }

        [{|MCPSDK008:McpClient(JsonContext = typeof(NotAContext))|}]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """);

    [Fact]
    public Task MCPSDK009_a_generic_interface() => VerifyAsync("""
        [McpClient]
        public interface {|MCPSDK009:ITools|}<T>
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """);

    [Fact]
    public Task MCPSDK010_a_private_interface() => VerifyAsync("""
        public static class Outer
        {
            [McpClient]
            private interface {|MCPSDK010:IHiddenTools|}
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
        }
        """);

    [Fact]
    public Task MCPSDK011_an_invalid_policy_value() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            [{|MCPSDK011:MaxConcurrency(0)|}]
            Task<string> EchoAsync(string message);
        }
        """);

    [Fact]
    public Task MCPSDK012_two_methods_of_one_tool_with_different_limits() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("search"), MaxConcurrency(2)]
            Task<string> SearchAsync(string query);

            [McpTool("search"), MaxConcurrency(8)]
            Task<string> {|MCPSDK012:SearchAgainAsync|}(string query);
        }
        """);

    [Fact]
    public Task MCPSDK013_a_parameter_that_cannot_be_an_argument() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("send")]
            Task<string> SendAsync(Func<int> {|MCPSDK013:factory|});
        }
        """);

    [Fact]
    public Task MCPSDK014_an_empty_argument_wire_name() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync([{|MCPSDK014:McpArgument("")|}] string message);
        }
        """);

    [Fact]
    public Task MCPSDK015_two_parameters_under_one_wire_name() => VerifyAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("search")]
            Task<string> SearchAsync([McpArgument("q")] string query, string {|MCPSDK015:q|});
        }
        """);

    [Fact]
    public Task MCPSDK016_a_JsonContext_without_an_argument_type() => VerifyAsync(
        """
        public sealed record Point(int X, int Y);

        [McpClient(JsonContext = typeof(GeoJsonContext))]
        public interface ITools
        {
            [McpTool("move")]
            Task<string> MoveAsync(Point {|MCPSDK016:origin|});
        }
        """,
        TestSources.JsonContext("Geo", "GeoJsonContext").Replace("namespace Geo;", string.Empty, System.StringComparison.Ordinal));

    [Fact]
    public async Task MCPSDK017_CreateClient_of_an_interface_without_McpClient()
    {
        var test = new CSharpAnalyzerTest<McpClientUsageAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = s_net10,
            TestCode = Usings + """
                public interface IPlainTools
                {
                    [McpTool("echo")]
                    Task<string> EchoAsync(string message);
                }

                public static class App
                {
                    public static IPlainTools Create(McpConnection connection) => connection.CreateClient<{|MCPSDK017:IPlainTools|}>();
                }
                """,
        };
        AddMcpSdk(test.TestState);
        await test.RunAsync();
    }

    private static async Task VerifyAsync(string source, params string[] otherSources)
    {
        var test = new CSharpSourceGeneratorTest<McpClientGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = s_net10,
            // Markup checks the diagnostics; the emitted code has its own baselines.
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };
        test.TestState.Sources.Add(Usings + source);
        foreach (string other in otherSources)
        {
            test.TestState.Sources.Add(other);
        }

        AddMcpSdk(test.TestState);
        await test.RunAsync();
    }

    private static void AddMcpSdk(SolutionState state)
    {
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(McpClientAttribute).Assembly.Location));
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(ModelContextProtocol.Protocol.CallToolResult).Assembly.Location));

        // The generator also writes each interface's AsAIFunctions(), which compiles against Microsoft.Extensions.AI.
        state.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.AIFunction).Assembly.Location));
    }
}
