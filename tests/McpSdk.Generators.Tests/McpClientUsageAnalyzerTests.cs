using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// MCPSDK017: <c>CreateClient&lt;T&gt;()</c> and <c>AddMcpClient&lt;T&gt;()</c> with a <c>T</c> that has no
/// [McpClient] compile, but no proxy exists for <c>T</c>, so they would fail at run time.
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
    [InlineData("connection.CreateClient<IPlainTools>();", "IPlainTools")]
    [InlineData("connection.CreateClient<App.IPlainTools>();", "App.IPlainTools")]
    [InlineData("services.AddMcpClient<IPlainTools>(mcp => mcp.UseStdio(\"server\"));", "IPlainTools")]
    [InlineData("McpServiceCollectionExtensions.AddMcpClient<IPlainTools>(services, mcp => mcp.UseStdio(\"server\"));", "IPlainTools")]
    public async Task A_client_type_without_McpClient_reports_MCPSDK017_on_the_type_argument(string call, string underlined)
    {
        AnalyzerRun run = await RunAsync(call);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("MCPSDK017", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(underlined, AnalyzerRun.LocatedText(diagnostic));
        Assert.Contains("'App.IPlainTools'", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connection.CreateClient<IMarkedTools>();")]
    [InlineData("services.AddMcpClient<IMarkedTools>(mcp => mcp.UseStdio(\"server\"));")]
    [InlineData("Create<IPlainTools>(connection);")] // a type parameter: its argument is checked where it is known
    public async Task A_client_type_with_McpClient_or_a_type_parameter_reports_nothing(string call)
    {
        AnalyzerRun run = await RunAsync(call);

        Assert.Empty(run.Diagnostics);
    }

    private static Task<AnalyzerRun> RunAsync(string call) =>
        AnalyzerHarness.RunAsync(new McpClientUsageAnalyzer(), Declarations + $$"""
            public static class Startup
            {
                public static void Configure(McpConnection connection, IServiceCollection services)
                {
                    {{call}}
                }

                private static T Create<T>(McpConnection connection)
                    where T : class => connection.CreateClient<T>();
            }
            """);
}
