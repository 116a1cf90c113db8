using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// MCPSDK016: a JsonContext named in [McpClient] must have JSON metadata for every argument and result type that
/// McpSdk's own context does not cover, or a trimmed application fails on the first call. Markup tests on the testing
/// library, as <see cref="MarkupDiagnosticTests"/>; the warning never stops the proxy being written.
/// </summary>
public sealed class JsonContextCoverageTests
{
    private const string Types = """
        public sealed record Point(int X, int Y);

        public sealed record Route(string Name, System.Collections.Generic.List<Point> Stops);

        public enum Unit { Metre, Foot }
        """;

    private static readonly string[] s_proxyAndFunctions = ["Geo.ITools.AIFunctions.g.cs", "Geo.ITools.g.cs"];

    [Fact]
    public Task An_argument_type_missing_from_the_context_reports_MCPSDK016_on_the_parameter() => VerifyWarningAsync(
        ["global::Geo.Unit"],
        """
        [McpTool("move")]
        Task<string> MoveAsync(Point {|#0:origin|}, Unit unit);
        """,
        "global::Geo.Point",
        "ITools.MoveAsync");

    [Fact]
    public Task A_result_type_missing_from_the_context_reports_MCPSDK016_on_the_return_type() => VerifyWarningAsync(
        ["global::Geo.Point"],
        """
        [McpTool("route")]
        {|#0:Task<McpToolResult<Route>>|} RouteAsync(Point from);
        """,
        "global::Geo.Route",
        "ITools.RouteAsync");

    [Fact]
    public Task A_type_needed_by_several_methods_is_reported_once_at_its_first_use() => VerifyWarningAsync(
        [],
        """
        [McpTool("first")]
        Task<string> FirstAsync(Unit {|#0:unit|});

        [McpTool("second")]
        Task<Unit> SecondAsync();
        """,
        "global::Geo.Unit",
        "ITools.FirstAsync");

    [Fact]
    public async Task Types_reachable_from_declared_ones_and_types_McpSdk_covers_report_nothing()
    {
        string[] generated = await McpGeneratorTest.VerifyDiagnosticsAsync(Sources(
            ["global::Geo.Route"],
            """
            [McpTool("plan")]
            Task<Route> PlanAsync(Point start, System.Collections.Generic.List<Point> stops, int? limit, string[] tags, System.Guid id, System.DateTimeOffset at);

            [McpTool("count")]
            Task<int?> CountAsync(System.Text.Json.JsonElement filter, System.Uri source);
            """));

        Assert.Equal(s_proxyAndFunctions, generated);
    }

    [Fact]
    public async Task Without_a_JsonContext_nothing_is_reported()
    {
        string[] generated = await McpGeneratorTest.VerifyDiagnosticsAsync(
            [
                $$"""
                using System.Threading.Tasks;
                using McpSdk;

                namespace Geo;

                {{Types}}

                [McpClient]
                public interface ITools
                {
                    [McpTool("move")]
                    Task<Route> MoveAsync(Point origin, Unit unit);
                }
                """,
            ]);

        Assert.Equal(s_proxyAndFunctions, generated);
    }

    /// <summary>
    /// Fails unless the interface with <paramref name="methods"/>, whose context carries <paramref name="serializable"/>,
    /// reports only the MCPSDK016 warning at markup 0 for <paramref name="missing"/> needed by <paramref name="method"/>,
    /// and still gets its proxy.
    /// </summary>
    private static async Task VerifyWarningAsync(string[] serializable, string methods, string missing, string method)
    {
        string[] generated = await McpGeneratorTest.VerifyDiagnosticsAsync(
            Sources(serializable, methods),
            new DiagnosticResult(DiagnosticDescriptors.JsonContextMissingType).WithLocation(0).WithArguments("Geo.GeoJsonContext", "ITools", missing, method));

        Assert.Equal(s_proxyAndFunctions, generated);
    }

    /// <summary>An interface with <paramref name="methods"/> whose context carries <paramref name="serializable"/>.</summary>
    private static string[] Sources(string[] serializable, string methods) =>
        [
            $$"""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Geo;

            {{Types}}

            [McpClient(JsonContext = typeof(GeoJsonContext))]
            public interface ITools
            {
            {{methods}}
            }
            """,
            TestSources.JsonContext("Geo", "GeoJsonContext", serializable),
        ];
}
