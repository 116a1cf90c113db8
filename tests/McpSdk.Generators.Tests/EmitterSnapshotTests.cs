using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// The emitted proxies, compared with the baselines in Snapshots/. Every case also compiles the output and
/// requires no error and no warning.
/// </summary>
public sealed class EmitterSnapshotTests
{
    [Fact]
    public void Everything_sample_interface_emits_a_proxy_with_text_json_and_raw_results_and_progress()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(TestSources.EverythingTools, TestSources.EverythingWeather, TestSources.HandWrittenJsonContext("Weather"));

        run.AssertCleanCompilation();
        Assert.Equal("Everything.IEverythingTools.g.cs", Assert.Single(run.GeneratedSources).HintName);
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Every_awaitable_shape_returns_the_invoker_task_or_wraps_it_in_a_ValueTask()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Shapes;

            [McpClient]
            public interface IShapes
            {
                [McpTool("task")]
                Task RunAsync(CancellationToken cancellationToken);

                [McpTool("value-task")]
                ValueTask RunValueAsync(CancellationToken cancellationToken);

                [McpTool("task-of-t")]
                Task<int> CountAsync();

                [McpTool("value-task-of-t")]
                ValueTask<string> NameAsync();

                [McpTool("value-task-of-json")]
                ValueTask<Point> PointAsync(Point origin);
            }

            public sealed record Point(int X, int Y);
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Optional_renamed_keyword_and_nullable_parameters_and_results_are_emitted_with_omission_and_escapes()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Search;

            [McpClient]
            public interface ISearchTools
            {
                [McpTool("search")]
                Task<Weather?> SearchAsync(
                    string query,
                    string? note = null,
                    int? limit = null,
                    [McpArgument("max_results")] int maxResults = 10,
                    string @class = "any",
                    CancellationToken cancellationToken = default);

                [McpTool("find")]
                Task<Weather> FindAsync(string query);

                [McpTool("count")]
                Task<int?> CountAsync(int? minimum);
            }

            public sealed record Weather(double Temperature, string Conditions);
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Nullable_text_and_raw_results_compile_without_nullability_warnings()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;
            using ModelContextProtocol.Protocol;

            namespace Loose;

            [McpClient]
            public interface ILooseTools
            {
                [McpTool("text")]
                Task<string?> TextAsync();

                [McpTool("value-text")]
                ValueTask<string?> ValueTextAsync();

                [McpTool("raw")]
                Task<CallToolResult?> RawAsync();
            }
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void McpToolResult_results_wrap_the_value_reader_with_the_raw_result()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Wrapped;

            public sealed record Weather(double Temperature);

            [McpClient]
            public interface IWrappedTools
            {
                [McpTool("weather")]
                Task<McpToolResult<Weather>> WeatherAsync();

                [McpTool("maybe-weather")]
                Task<McpToolResult<Weather?>> MaybeWeatherAsync();

                [McpTool("count")]
                ValueTask<McpToolResult<int?>> CountAsync();

                [McpTool("echo")]
                Task<McpToolResult<string>> EchoAsync(string message);

                [McpTool("maybe-echo")]
                Task<McpToolResult<string?>> MaybeEchoAsync(string message);
            }
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Enums_in_parameters_results_and_records_get_a_string_converter_each()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Units;

            public enum Unit { Celsius, Fahrenheit }

            public enum Trend { Rising, Falling }

            public enum Unused { A }

            public sealed record Reading(double Value, Unit Unit, IReadOnlyList<Trend> History);

            [McpClient]
            internal interface IUnitTools
            {
                [McpTool("convert")]
                Task<double> ConvertAsync(double value, Unit from, Unit? to = null);

                [McpTool("reading")]
                Task<Reading> ReadingAsync();
            }
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Several_interfaces_in_one_file_and_a_partial_interface_across_files_each_get_one_proxy()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            """
            using System.Threading.Tasks;
            using McpSdk;

            namespace Many;

            [McpClient]
            public interface IFirstTools
            {
                [McpTool("first")]
                Task<string> FirstAsync();
            }

            [McpClient]
            internal interface ISecondTools
            {
                [McpTool("second")]
                Task<string> SecondAsync();
            }

            [McpClient]
            public partial interface ISplitTools
            {
                [McpTool("one-half")]
                Task<string> OneHalfAsync();
            }
            """,
            """
            using System.Threading.Tasks;
            using McpSdk;

            namespace Many;

            public partial interface ISplitTools
            {
                [McpTool("other-half")]
                Task<string> OtherHalfAsync();
            }
            """);

        run.AssertCleanCompilation();
        Assert.Equal(
            ["Many.IFirstTools.g.cs", "Many.ISecondTools.g.cs", "Many.ISplitTools.g.cs"],
            run.GeneratedSources.Select(source => source.HintName).Order().ToArray());
        string split = run.GeneratedSources.Single(source => source.HintName == "Many.ISplitTools.g.cs").SourceText.ToString();
        Assert.Contains("global::Many.ISplitTools.OneHalfAsync()", split, System.StringComparison.Ordinal);
        Assert.Contains("global::Many.ISplitTools.OtherHalfAsync()", split, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Fleet_scopes_go_with_the_limit_that_declares_them_and_are_inherited_with_it()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Fleets;

            [McpClient]
            [MaxConcurrency(4, Scope = McpLimitScope.Fleet)]
            public interface IFleetTools
            {
                [McpTool("search"), RateLimit(20, PerSeconds = 1, Scope = McpLimitScope.Fleet)]
                Task<string> SearchAsync(string query);

                [McpTool("local"), MaxConcurrency(2)]
                Task<string> LocalAsync();

                [McpTool("mixed"), MaxConcurrency(8, Scope = McpLimitScope.Connection), RateLimit(5, Mode = RateLimitMode.Reject, Scope = McpLimitScope.Fleet)]
                Task<string> MixedAsync();
            }
            """);

        run.AssertCleanCompilation();
        string text = run.SingleGeneratedText();
        Snapshot.Verify(text);

        // search: the interface's fleet slots and its own fleet rate; local: its own connection limit overrides the
        // interface's fleet one; mixed: connection slots, fleet rate.
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, "MaxConcurrencyScope = global::McpSdk.McpLimitScope.Fleet"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(text, "RateLimitScope = global::McpSdk.McpLimitScope.Fleet"));
    }

    [Fact]
    public void A_base_interface_from_another_assembly_is_implemented_from_its_metadata()
    {
        CSharpCompilation library = GeneratorDriverHarness.CreateCompilation("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Shared;

            [MaxConcurrency(3)]
            public interface IHealthTools
            {
                [McpTool("ping"), Timeout(500)]
                Task<string> PingAsync();
            }
            """).WithAssemblyName("SharedTools");
        CSharpCompilation client = GeneratorDriverHarness.CreateCompilation("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace App;

            [McpClient]
            public interface IAppTools : Shared.IHealthTools
            {
                [McpTool("work")]
                Task<string> WorkAsync(string job);
            }
            """).AddReferences(library.ToMetadataReference());

        GeneratorRun run = GeneratorDriverHarness.Run(GeneratorDriverHarness.CreateDriver(), client);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Methods_of_base_interfaces_are_implemented_explicitly_against_the_declaring_interface()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Layers;

            public interface IPingTools
            {
                [McpTool("ping")]
                Task<string> PingAsync();
            }

            public interface IHealthTools
            {
                [McpTool("health-ping")]
                Task<string> PingAsync();
            }

            [McpClient]
            public interface IAdminTools : IPingTools, IHealthTools
            {
                [McpTool("restart")]
                Task RestartAsync(string reason);
            }
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Interface_in_the_global_namespace_emits_a_proxy_without_a_namespace()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;

            [McpClient]
            public interface IGlobalTools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        run.AssertCleanCompilation();
        Assert.Equal("IGlobalTools.g.cs", Assert.Single(run.GeneratedSources).HintName);
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Interface_nested_in_a_class_emits_a_proxy_named_after_its_containers()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Host;

            public static class Outer
            {
                internal static class Middle
                {
                    [McpClient]
                    internal interface IInnerTools
                    {
                        [McpTool("echo")]
                        Task<string> EchoAsync(string message);
                    }
                }
            }
            """);

        run.AssertCleanCompilation();
        Assert.Equal("Host.Outer.Middle.IInnerTools.g.cs", Assert.Single(run.GeneratedSources).HintName);
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void JsonContext_of_the_attribute_is_passed_to_the_proxy_options()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            """
            using System.Threading.Tasks;
            using McpSdk;

            namespace Contexts;

            [McpClient(JsonContext = typeof(global::Everything.EverythingJsonContext))]
            internal interface IContextTools
            {
                [McpTool("point")]
                Task<Point> PointAsync(Point origin);
            }

            internal sealed record Point(int X, int Y);
            """,
            TestSources.HandWrittenJsonContext("global::Contexts.Point"));

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }

    [Fact]
    public void Parameter_names_that_the_proxy_also_uses_do_not_collide_with_its_locals()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Collisions;

            [McpClient]
            public interface ICollisionTools
            {
                [McpTool("run")]
                Task<string> RunAsync(string arguments, string invoker, string s_json);
            }
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }
    [Fact]
    public void Parameters_named_like_the_proxys_fields_are_sent_and_the_fields_stay_reachable()
    {
        // Every instance field a method body reads: the invoker, the method's binding, the arguments' JSON metadata
        // and the result reader. Unqualified, each parameter would hide the field of the same name.
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Threading;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Shadows;

            public sealed record Echoed(string Text);

            [McpClient]
            public interface IShadowTools
            {
                [McpTool("echo")]
                Task<Echoed> EchoAsync(
                    string _invoker,
                    string _echoAsync,
                    string _jsonString,
                    int _jsonInt32,
                    string _jsonEchoed,
                    string _readEchoed,
                    CancellationToken cancellationToken = default);
            }
            """);

        run.AssertCleanCompilation();
        Snapshot.Verify(run.SingleGeneratedText());
    }
    [Fact]
    public void An_enum_with_its_own_JsonConverter_gets_no_converter_from_the_proxy()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using System.Text.Json.Serialization;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Units;

            [JsonConverter(typeof(JsonNumberEnumConverter<Coded>))]
            public enum Coded { A, B }

            public enum Named { C, D }

            [McpClient]
            public interface IUnitTools
            {
                [McpTool("convert")]
                Task<Coded> ConvertAsync(Coded coded, Named named);
            }
            """);

        run.AssertCleanCompilation();
        string proxy = run.SingleGeneratedText();
        Assert.Contains("JsonStringEnumConverter<global::Units.Named>", proxy, System.StringComparison.Ordinal);
        Assert.DoesNotContain("JsonStringEnumConverter<global::Units.Coded>", proxy, System.StringComparison.Ordinal);
    }
}
