using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// The emitted <c>AsAIFunctions()</c> extensions and their JSON schemas, on the testing library as
/// <see cref="EmitterSnapshotTests"/> (baselines in Snapshots/, one per generated file, refreshed with
/// <c>MCPSDK_UPDATE_SNAPSHOTS=1</c>); the output (proxy and functions) must compile with no error and no warning.
/// </summary>
public sealed class FunctionsSnapshotTests
{
    /// <summary>Every parameter shape the schema writer knows, with descriptions from XML docs and [Description].</summary>
    internal const string AllShapes = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using McpSdk;
        using ModelContextProtocol.Protocol;

        namespace Shapes;

        [McpClient]
        public interface IShapeTools
        {
            /// <summary>Adds <paramref name="a"/> and <paramref name="b"/>, see <see cref="Math"/>.</summary>
            /// <param name="a">The first addend.</param>
            /// <param name="b">The second addend.</param>
            [McpTool("add")]
            Task<double> AddAsync(double a, [Description("The second one.")] double b, CancellationToken cancellationToken = default);

            [McpTool("primitives"), Description("Every primitive.")]
            Task<string> PrimitivesAsync(string text, int count, long big, bool flag, decimal price, float ratio, Guid id, DateTimeOffset at, TimeSpan span, Uri link, char letter);

            [McpTool("optional")]
            Task<string> OptionalAsync(
                string? note,
                int? limit,
                int size = 10,
                string mode = "fast",
                bool strict = true,
                double share = 0.5,
                Color color = Color.Green,
                Color? tint = null,
                [McpArgument("max_results")] int maxResults = 5);

            [McpTool("enums")]
            Task EnumsAsync(Color color, Renamed renamed, Custom custom, Color[] palette);

            [McpTool("records")]
            Task<Point> RecordsAsync(Point origin, Shape shape, Options? options = null);

            [McpTool("collections")]
            Task<List<Point>> CollectionsAsync(
                List<int> numbers, string[] names, IReadOnlyList<Point> points, HashSet<string> tags, IEnumerable<double> values,
                Dictionary<string, int> counts, IReadOnlyDictionary<string, Point> named, JsonElement payload);

            [McpTool("results")]
            Task<CallToolResult> RawAsync(IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

            [McpTool("wrapped")]
            ValueTask<McpToolResult<Point?>> WrappedAsync(Node tree);

            [McpTool("nothing")]
            ValueTask NothingAsync();
        }

        public enum Color { Red, Green, Blue }

        public enum Renamed
        {
            [JsonStringEnumMemberName("first-one")] First,
            Second,
        }

        [JsonConverter(typeof(JsonNumberEnumConverter<Custom>))]
        public enum Custom { A, B }

        public sealed record Point(int X, int Y, string? Label = null);

        /// <summary>A shape with a required property and a described one.</summary>
        public sealed class Shape
        {
            public required string Name { get; init; }

            [Description("Corners, in order.")]
            public List<Point> Corners { get; init; } = new();

            [JsonPropertyName("AREA")]
            public double? Area { get; init; }

            [JsonIgnore]
            public int Hidden { get; init; }

            public int URLCount { get; init; }
        }

        public sealed record Options([property: Description("Be verbose.")] bool Verbose, Color Color = Color.Red, Dictionary<string, string>? Extra = null);

        public sealed record Node(string Value, Node? Next);
        """;

    [Fact]
    public async Task Every_parameter_shape_gets_a_compile_time_schema_and_a_binding()
    {
        var generated = await Snapshot.VerifyAsync(new McpGeneratorTest(AllShapes));

        Assert.Equal(["Shapes.IShapeTools.AIFunctions.g.cs", "Shapes.IShapeTools.g.cs"], generated.Keys.Order());
    }

    [Fact]
    public async Task An_internal_nested_interface_gets_an_internal_extension_class_at_namespace_level_with_one_function_per_tool()
    {
        var test = new McpGeneratorTest("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Host;

            internal static class Outer
            {
                [McpClient]
                public interface IInnerTools
                {
                    [McpTool("ping")]
                    Task<string> PingAsync(string message);

                    [McpTool("ping")]
                    Task<string> PingAsync(string message, int times);
                }
            }
            """);

        string text = (await Snapshot.VerifyAsync(test))["Host.Outer.IInnerTools.AIFunctions.g.cs"];
        Assert.Contains("internal static class OuterInnerToolsAIFunctionExtensions", text, System.StringComparison.Ordinal);
        // Two methods call "ping": the model sees one function, the first method's.
        Assert.Equal(1, text.Split("private static async").Length - 1);
        Assert.Contains("InvokePingAsync(tools, json, arguments, cancellationToken)", text, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_doc_comment_without_xml_documentation_mode_is_read_from_the_comment_lines()
    {
        var test = new McpGeneratorTest("""
            using System.Threading.Tasks;
            using McpSdk;

            namespace Docs;

            [McpClient]
            public interface IDocTools
            {
                /// <summary>Echoes the <c>message</c> back.</summary>
                /// <param name="message">What to echo.</param>
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """)
        {
            DocumentationMode = DocumentationMode.None,
        };

        string text = (await Snapshot.VerifyAsync(test))["Docs.IDocTools.AIFunctions.g.cs"];
        Assert.Contains("\"Echoes the message back.\"", text, System.StringComparison.Ordinal);
        Assert.Contains("\\\"description\\\":\\\"What to echo.\\\"", text, System.StringComparison.Ordinal);
    }
}
