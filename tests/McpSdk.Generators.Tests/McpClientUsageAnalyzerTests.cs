using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// MCPSDK017: <c>CreateClient&lt;T&gt;()</c> and <c>AddMcpClient&lt;T&gt;()</c> with a <c>T</c> that has no
/// [McpClient] compile, but no proxy exists for <c>T</c>, so they would fail at run time. Markup tests on
/// Microsoft.CodeAnalysis.CSharp.Analyzer.Testing, which also fails on any compiler warning in the test code.
/// </summary>
public sealed class McpClientUsageAnalyzerTests
{
    private const string Declarations = """
        using System;
        using System.Threading.Tasks;
        using McpSdk;
        using Microsoft.Extensions.DependencyInjection;

        namespace App;

        public interface IPlainTools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }

        [McpClient]
        public interface IMarkedTools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }

        """;

    [Theory]
    [InlineData("connection.CreateClient<{|#0:IPlainTools|}>();", "CreateClient")]
    [InlineData("connection.CreateClient<{|#0:App.IPlainTools|}>();", "CreateClient")]
    [InlineData("services.AddMcpClient<{|#0:IPlainTools|}>(mcp => mcp.UseStdio(\"server\"));", "AddMcpClient")]
    [InlineData("McpServiceCollectionExtensions.AddMcpClient<{|#0:IPlainTools|}>(services, mcp => mcp.UseStdio(\"server\"));", "AddMcpClient")]
    public Task A_client_type_without_McpClient_reports_MCPSDK017_on_the_type_argument(string call, string method) =>
        VerifyAsync(
            call,
            new DiagnosticResult(DiagnosticDescriptors.ClientTypeWithoutMcpClient).WithLocation(0).WithArguments("App.IPlainTools", method + "<IPlainTools>"));

    [Theory]
    [InlineData("connection.CreateClient<IMarkedTools>();")]
    [InlineData("services.AddMcpClient<IMarkedTools>(mcp => mcp.UseStdio(\"server\"));")]
    [InlineData("Create<IPlainTools>(connection);")] // a type parameter: its argument is checked where it is known
    public Task A_client_type_with_McpClient_or_a_type_parameter_reports_nothing(string call) => VerifyAsync(call);

    private static async Task VerifyAsync(string call, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<McpClientUsageAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = McpTestReferences.Net10,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
            TestCode = Declarations + $$"""
                public static class Startup
                {
                    public static void Configure(McpConnection connection, IServiceCollection services)
                    {
                        {{call}}
                    }

                    private static T Create<T>(McpConnection connection)
                        where T : class => connection.CreateClient<T>();
                }
                """,
        };
        // Doc comments parsed as a build without GenerateDocumentationFile does: no CS1591 on the test's public types.
        test.TestState.DocumentationMode = DocumentationMode.Parse;
        McpTestReferences.AddTo(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
