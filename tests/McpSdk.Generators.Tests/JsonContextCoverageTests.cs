using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// MCPSDK016: a JsonContext named in [McpClient] must have JSON metadata for every argument and result type that
/// McpSdk's own context does not cover, or a trimmed application fails on the first call.
/// </summary>
public sealed class JsonContextCoverageTests
{
    private const string Types = """
        public sealed record Point(int X, int Y);

        public sealed record Route(string Name, System.Collections.Generic.List<Point> Stops);

        public enum Unit { Metre, Foot }
        """;

    [Fact]
    public void An_argument_type_missing_from_the_context_reports_MCPSDK016_on_the_parameter()
    {
        GeneratorRun run = Run(
            ["global::Geo.Unit"],
            """
            [McpTool("move")]
            Task<string> MoveAsync(Point origin, Unit unit);
            """);

        Diagnostic diagnostic = SingleWarning(run);
        Assert.Equal("origin", run.LocatedText(diagnostic));
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("[JsonSerializable(typeof(global::Geo.Point))]", message, System.StringComparison.Ordinal);
        Assert.Contains("'ITools.MoveAsync'", message, System.StringComparison.Ordinal);
        Assert.Contains("'Geo.GeoJsonContext'", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_type_missing_from_the_context_reports_MCPSDK016_on_the_return_type()
    {
        GeneratorRun run = Run(
            ["global::Geo.Point"],
            """
            [McpTool("route")]
            Task<McpToolResult<Route>> RouteAsync(Point from);
            """);

        Diagnostic diagnostic = SingleWarning(run);
        Assert.Equal("Task<McpToolResult<Route>>", run.LocatedText(diagnostic));
        Assert.Contains("typeof(global::Geo.Route)", diagnostic.GetMessage(CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_needed_by_several_methods_is_reported_once_at_its_first_use()
    {
        GeneratorRun run = Run(
            [],
            """
            [McpTool("first")]
            Task<string> FirstAsync(Unit unit);

            [McpTool("second")]
            Task<Unit> SecondAsync();
            """);

        Assert.Equal("unit", run.LocatedText(SingleWarning(run)));
    }

    [Fact]
    public void Types_reachable_from_declared_ones_and_types_McpSdk_covers_report_nothing()
    {
        GeneratorRun run = Run(
            ["global::Geo.Route"],
            """
            [McpTool("plan")]
            Task<Route> PlanAsync(Point start, System.Collections.Generic.List<Point> stops, int? limit, string[] tags, System.Guid id, System.DateTimeOffset at);

            [McpTool("count")]
            Task<int?> CountAsync(System.Text.Json.JsonElement filter, System.Uri source);
            """);

        run.AssertCleanCompilation();
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void Without_a_JsonContext_nothing_is_reported()
    {
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
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
            """);

        run.AssertCleanCompilation();
    }

    /// <summary>An interface with <paramref name="methods"/> whose context carries <paramref name="serializable"/>.</summary>
    private static GeneratorRun Run(string[] serializable, string methods) =>
        GeneratorDriverHarness.Run(
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
            TestSources.JsonContext("Geo", "GeoJsonContext", serializable));

    /// <summary>The run's only diagnostic: an MCPSDK016 warning; the proxy is still written.</summary>
    private static Diagnostic SingleWarning(GeneratorRun run)
    {
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("MCPSDK016", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Single(run.GeneratedSources);
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return diagnostic;
    }
}
