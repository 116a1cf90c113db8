using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// The emitted code, on Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing: every file the generator writes (each
/// interface's proxy and its AI functions) is compared with its baseline,
/// <c>Snapshots/{test}#{hint name without .cs}.verified.cs</c>, and the output must compile with no error and no
/// warning. When the emitter changes on purpose, refresh the baselines with
/// <c>MCPSDK_UPDATE_SNAPSHOTS=1 dotnet test tests/McpSdk.Generators.Tests -c Release</c> and read the diff before
/// committing (see <see cref="Snapshot"/>).
/// </summary>
public sealed class EmitterSnapshotTests
{
    [Fact]
    public async Task Everything_sample_interface_emits_a_proxy_with_text_json_and_raw_results_and_progress_and_functions_with_its_json_context()
    {
        var test = new McpGeneratorTest(TestSources.EverythingTools, TestSources.EverythingWeather, TestSources.HandWrittenJsonContext("Weather"));

        IReadOnlyDictionary<string, string> generated = await Snapshot.VerifyAsync(test);

        Assert.Equal(["Everything.IEverythingTools.AIFunctions.g.cs", "Everything.IEverythingTools.g.cs"], generated.Keys.Order());
        // The functions serialise with the interface's JSON context, as the proxy does.
        Assert.Contains("global::Everything.EverythingJsonContext.Default", generated["Everything.IEverythingTools.AIFunctions.g.cs"], System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_awaitable_shape_returns_the_invoker_task_or_wraps_it_in_a_ValueTask()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Optional_renamed_keyword_and_nullable_parameters_and_results_are_emitted_with_omission_and_escapes()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Nullable_text_and_raw_results_compile_without_nullability_warnings()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Type_arguments_of_either_nullability_share_one_metadata_field_without_nullability_warnings()
    {
        var test = new McpGeneratorTest("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Loose;

            [McpClient]
            public interface IBagTools
            {
                [McpTool("bag")]
                Task<string> LooseBagAsync(IReadOnlyDictionary<string, object?> bag);

                [McpTool("bag")]
                Task<string> StrictBagAsync(IReadOnlyDictionary<string, object> bag);

                [McpTool("names")]
                Task<List<string?>> NamesAsync(List<string?> names);
            }
            """);

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task McpToolResult_results_wrap_the_value_reader_with_the_raw_result()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Enums_in_parameters_results_and_records_get_a_string_converter_each()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Several_interfaces_in_one_file_and_a_partial_interface_across_files_each_get_one_proxy()
    {
        var test = new McpGeneratorTest(
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

        IReadOnlyDictionary<string, string> generated = await Snapshot.VerifyAsync(test);

        Assert.Equal(
            ["Many.IFirstTools.g.cs", "Many.ISecondTools.g.cs", "Many.ISplitTools.g.cs"],
            generated.Keys.Where(hintName => !hintName.EndsWith(".AIFunctions.g.cs", System.StringComparison.Ordinal)).Order());
        string split = generated["Many.ISplitTools.g.cs"];
        Assert.Contains("global::Many.ISplitTools.OneHalfAsync()", split, System.StringComparison.Ordinal);
        Assert.Contains("global::Many.ISplitTools.OtherHalfAsync()", split, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fleet_scopes_go_with_the_limit_that_declares_them_and_are_inherited_with_it()
    {
        var test = new McpGeneratorTest("""
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

        string text = (await Snapshot.VerifyAsync(test))["Fleets.IFleetTools.g.cs"];

        // search: the interface's fleet slots and its own fleet rate; local: its own connection limit overrides the
        // interface's fleet one; mixed: connection slots, fleet rate.
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, "MaxConcurrencyScope = global::McpSdk.McpLimitScope.Fleet"));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(text, "RateLimitScope = global::McpSdk.McpLimitScope.Fleet"));
    }

    [Fact]
    public async Task A_base_interface_from_another_assembly_is_implemented_from_its_metadata()
    {
        var test = new McpGeneratorTest("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace App;

            [McpClient]
            public interface IAppTools : Shared.IHealthTools
            {
                [McpTool("work")]
                Task<string> WorkAsync(string job);
            }
            """);
        var library = new ProjectState("SharedTools", Microsoft.CodeAnalysis.LanguageNames.CSharp, "Shared", "cs")
        {
            DocumentationMode = Microsoft.CodeAnalysis.DocumentationMode.Parse,
            Sources =
            {
                """
                using System.Threading.Tasks;
                using McpSdk;

                namespace Shared;

                [MaxConcurrency(3)]
                public interface IHealthTools
                {
                    [McpTool("ping"), Timeout(500)]
                    Task<string> PingAsync();
                }
                """,
            },
        };
        McpTestReferences.AddTo(library);
        test.TestState.AdditionalProjects.Add(library.Name, library);
        test.TestState.AdditionalProjectReferences.Add(library.Name);

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Methods_of_base_interfaces_are_implemented_explicitly_against_the_declaring_interface()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Interface_in_the_global_namespace_emits_a_proxy_without_a_namespace()
    {
        var test = new McpGeneratorTest("""
            using System.Threading.Tasks;
            using McpSdk;

            [McpClient]
            public interface IGlobalTools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        IReadOnlyDictionary<string, string> generated = await Snapshot.VerifyAsync(test);

        Assert.Contains("IGlobalTools.g.cs", generated.Keys);
    }

    [Fact]
    public async Task Interface_nested_in_a_class_emits_a_proxy_named_after_its_containers()
    {
        var test = new McpGeneratorTest("""
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

        IReadOnlyDictionary<string, string> generated = await Snapshot.VerifyAsync(test);

        Assert.Contains("Host.Outer.Middle.IInnerTools.g.cs", generated.Keys);
    }

    [Fact]
    public async Task JsonContext_of_the_attribute_is_passed_to_the_proxy_options()
    {
        var test = new McpGeneratorTest(
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

        await Snapshot.VerifyAsync(test);
    }

    [Fact]
    public async Task Parameter_names_that_the_proxy_also_uses_do_not_collide_with_its_locals()
    {
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }
    [Fact]
    public async Task Parameters_named_like_the_proxys_fields_are_sent_and_the_fields_stay_reachable()
    {
        // Every instance field a method body reads: the invoker, the method's binding, the arguments' JSON metadata
        // and the result reader. Unqualified, each parameter would hide the field of the same name.
        var test = new McpGeneratorTest("""
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

        await Snapshot.VerifyAsync(test);
    }
    [Fact]
    public async Task An_enum_with_its_own_JsonConverter_gets_no_converter_from_the_proxy()
    {
        var test = new McpGeneratorTest("""
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

        string proxy = (await Snapshot.VerifyAsync(test))["Units.IUnitTools.g.cs"];
        Assert.Contains("JsonStringEnumConverter<global::Units.Named>", proxy, System.StringComparison.Ordinal);
        Assert.DoesNotContain("JsonStringEnumConverter<global::Units.Coded>", proxy, System.StringComparison.Ordinal);
    }
}
