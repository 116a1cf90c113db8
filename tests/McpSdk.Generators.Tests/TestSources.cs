using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace McpSdk.Generators.Tests;

/// <summary>Source text shared by several test classes.</summary>
internal static class TestSources
{
    /// <summary>
    /// A JSON context written by hand: the test compilation does not run System.Text.Json's generator, so a
    /// <c>partial</c> context would have no implementation. The proxy only needs the type and its <c>Default</c>;
    /// the generator reads its <c>[JsonSerializable]</c> attributes (<paramref name="serializable"/>, as C# types).
    /// </summary>
    public static string JsonContext(string @namespace, string name, params string[] serializable) => $$"""
        using System;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;

        namespace {{@namespace}};

        {{string.Concat(serializable.Select(type => $"[JsonSerializable(typeof({type}))]\n"))}}internal sealed class {{name}} : JsonSerializerContext
        {
            private {{name}}()
                : base(null)
            {
            }

            public static {{name}} Default { get; } = new();

            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;

            public override JsonTypeInfo? GetTypeInfo(Type type) => null;
        }
        """;

    /// <summary>The sample's <c>Everything.EverythingJsonContext</c>, written by hand (see <see cref="JsonContext"/>).</summary>
    public static string HandWrittenJsonContext(params string[] serializable) =>
        JsonContext("Everything", "EverythingJsonContext", serializable);

    /// <summary>The interface of samples/Everything, read from the sample itself so the snapshot cannot drift from it.</summary>
    public static string EverythingTools { get; } = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "Everything", "IEverythingTools.cs"));

    /// <summary>The sample's result record (its file also holds a partial JSON context, which needs System.Text.Json's generator).</summary>
    public const string EverythingWeather = """
        namespace Everything;

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

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
}
