namespace McpSdk.Generators.Tests;

/// <summary>Source text shared by several test classes.</summary>
internal static class TestSources
{
    /// <summary>
    /// A JSON context written by hand: the test compilation does not run System.Text.Json's generator, so a
    /// <c>partial</c> context would have no implementation. The proxy only needs the type and its <c>Default</c>.
    /// </summary>
    public const string HandWrittenJsonContext = """
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        namespace Everything;

        internal sealed class EverythingJsonContext : JsonSerializerContext
        {
            private EverythingJsonContext()
                : base(null)
            {
            }

            public static EverythingJsonContext Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    /// <summary>The interface of samples/Everything, as the sample declares it.</summary>
    public const string EverythingTools = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using McpSdk;
        using ModelContextProtocol.Protocol;

        namespace Everything;

        /// <summary>Four tools of <c>@modelcontextprotocol/server-everything</c>, typed.</summary>
        [McpClient(JsonContext = typeof(EverythingJsonContext))]
        public interface IEverythingTools
        {
            /// <summary>Answers "Echo: {message}".</summary>
            [McpTool("echo")]
            Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

            /// <summary>Answers with text: "The sum of 1 and 2 is 3."</summary>
            [McpTool("get-sum")]
            Task<string> GetSumAsync(double a, double b, CancellationToken cancellationToken = default);

            /// <summary>Answers with structuredContent, read into a record.</summary>
            [McpTool("get-structured-content")]
            Task<Weather> GetWeatherAsync(string location, CancellationToken cancellationToken = default);

            /// <summary>Sends a progress notification per step, then a text result.</summary>
            [McpTool("trigger-long-running-operation")]
            Task<CallToolResult> RunLongAsync(
                double duration, double steps, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);
        }

        /// <summary>The structured answer of <c>get-structured-content</c>.</summary>
        public sealed record Weather(double Temperature, string Conditions, double Humidity);
        """;

    /// <summary>A small valid interface, for tests about the pipeline rather than the output.</summary>
    public const string SmallClient = """
        using System.Threading;
        using System.Threading.Tasks;
        using McpSdk;

        namespace Sample;

        [McpClient]
        public interface ISmallTools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

            [McpTool("add")]
            Task<int> AddAsync(int a, int b);
        }
        """;
}
