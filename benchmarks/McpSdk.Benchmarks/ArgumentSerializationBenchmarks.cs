using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using McpSdk.Invocation;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Benchmarks;

/// <summary>
/// Five arguments of mixed types turned into the <c>params</c> node of a <c>tools/call</c> request: the generated
/// proxies' path (one <see cref="ToolArguments"/> written with source-generated <see cref="JsonTypeInfo{T}"/>s, no
/// boxing, then <see cref="ToolArguments.ToCallParams"/>, as <c>SdkSession</c> does) against the official SDK's
/// <c>McpClient.CallToolAsync(string, IReadOnlyDictionary&lt;string, object?&gt;, ...)</c> path (a dictionary of boxed
/// values, each serialised to its own <see cref="JsonElement"/> through <c>object</c>'s type info, as the SDK's private
/// <c>ToArgumentsDictionary</c> does, then the typed <see cref="CallToolRequestParams"/> serialised to a node, as its
/// request does). Each ends by writing the node as UTF-8, as the transport then does.
/// </summary>
[MemoryDiagnoser]
public class ArgumentSerializationBenchmarks
{
    private const string Query = "weather in Chicago";
    private const int Limit = 25;
    private const double Threshold = 0.75;
    private const bool IncludeArchived = true;
    private static readonly string[] s_tags = ["forecast", "daily", "us"];

    private const string ToolName = "search";
    private static readonly JsonTypeInfo<CallToolRequestParams> s_params =
        (JsonTypeInfo<CallToolRequestParams>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolRequestParams));

    private readonly ArrayBufferWriter<byte> _wire = new(1024);
    private Utf8JsonWriter? _writer;

    /// <summary>The official SDK's path, in full: the caller builds the dictionary, the SDK converts and serialises it.</summary>
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
        var elements = new Dictionary<string, JsonElement>(arguments.Count);
        foreach (KeyValuePair<string, object?> argument in arguments)
        {
            elements.Add(argument.Key, argument.Value is JsonElement element ? element : JsonSerializer.SerializeToElement(argument.Value, typeInfo));
        }

        JsonNode parameters = JsonSerializer.SerializeToNode(new CallToolRequestParams { Name = ToolName, Arguments = elements }, s_params)!;
        return Write(parameters);
    }

    /// <summary>What a generated proxy and <c>SdkSession</c> do: typed writes into one UTF-8 buffer, parsed once, wrapped as the params node.</summary>
    [Benchmark]
    public int Generated_ToolArguments_ToCallParams()
    {
        using var arguments = new ToolArguments();
        arguments.Add("query", Query, BenchmarkJsonContext.Default.String);
        arguments.Add("limit", Limit, BenchmarkJsonContext.Default.Int32);
        arguments.Add("threshold", Threshold, BenchmarkJsonContext.Default.Double);
        arguments.Add("include_archived", IncludeArchived, BenchmarkJsonContext.Default.Boolean);
        arguments.Add("tags", s_tags, BenchmarkJsonContext.Default.StringArray);
        return Write(arguments.ToCallParams(ToolName, progressToken: null));
    }

    /// <summary>Writes the node into a reused buffer, as the transport does; returns the byte count.</summary>
    private int Write(JsonNode parameters)
    {
        _wire.ResetWrittenCount();
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_wire);
        }
        else
        {
            _writer.Reset(_wire);
        }

        parameters.WriteTo(_writer);
        _writer.Flush();
        return _wire.WrittenCount;
    }
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
