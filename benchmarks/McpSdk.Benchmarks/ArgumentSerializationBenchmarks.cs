using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using McpSdk.Invocation;
using ModelContextProtocol;

namespace McpSdk.Benchmarks;

/// <summary>
/// Five arguments of mixed types turned into what the official SDK's <c>tools/call</c> request carries
/// (<c>IDictionary&lt;string, JsonElement&gt;</c>): the generated proxies' path (one <see cref="ToolArguments"/>
/// written with source-generated <see cref="JsonTypeInfo{T}"/>s, no boxing) against the official SDK's
/// <c>McpClient.CallToolAsync(string, IReadOnlyDictionary&lt;string, object?&gt;, ...)</c> path (a dictionary of
/// boxed values, each serialised to its own <see cref="JsonElement"/> through <c>object</c>'s type info, as the
/// SDK's private <c>ToArgumentsDictionary</c> does). Writing the request itself is the same for both and is left out.
/// </summary>
[MemoryDiagnoser]
public class ArgumentSerializationBenchmarks
{
    private const string Query = "weather in Chicago";
    private const int Limit = 25;
    private const double Threshold = 0.75;
    private const bool IncludeArchived = true;
    private static readonly string[] s_tags = ["forecast", "daily", "us"];

    /// <summary>The official SDK's path, in full: the caller builds the dictionary, the SDK converts it.</summary>
    [Benchmark(Baseline = true)]
    public int OfficialSdk_ObjectDictionary()
    {
        var arguments = new Dictionary<string, object?>
        {
            ["query"] = Query,
            ["limit"] = Limit,
            ["threshold"] = Threshold,
            ["include_archived"] = IncludeArchived,
            ["tags"] = s_tags,
        };

        JsonSerializerOptions options = McpJsonUtilities.DefaultOptions;
        var typeInfo = (JsonTypeInfo<object?>)options.GetTypeInfo(typeof(object));
        var result = new Dictionary<string, JsonElement>(arguments.Count);
        foreach (KeyValuePair<string, object?> argument in arguments)
        {
            result.Add(argument.Key, argument.Value is JsonElement element ? element : JsonSerializer.SerializeToElement(argument.Value, typeInfo));
        }

        return result.Count;
    }

    /// <summary>What a generated proxy does: typed writes into one UTF-8 buffer, parsed once into elements.</summary>
    [Benchmark]
    public int Generated_ToolArguments_ToElements()
    {
        using var arguments = new ToolArguments();
        arguments.Add("query", Query, BenchmarkJsonContext.Default.String);
        arguments.Add("limit", Limit, BenchmarkJsonContext.Default.Int32);
        arguments.Add("threshold", Threshold, BenchmarkJsonContext.Default.Double);
        arguments.Add("include_archived", IncludeArchived, BenchmarkJsonContext.Default.Boolean);
        arguments.Add("tags", s_tags, BenchmarkJsonContext.Default.StringArray);
        return arguments.ToElements().Count;
    }
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
