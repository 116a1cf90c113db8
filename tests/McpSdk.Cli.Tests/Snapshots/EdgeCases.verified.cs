// Scaffolded by 'mcpsdk scaffold' from the MCP server edge-cases 1.0.0 (6 tools).
// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].
// Tools without an output schema return their text content; one that answers with images or resources needs
// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.
#nullable enable

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;

namespace Edge;

/// <summary>The tools of the MCP server edge-cases 1.0.0.</summary>
[McpClient(JsonContext = typeof(EdgeToolsJsonContext))]
public interface IEdgeTools
{
    /// <summary>
    /// Returns "quoted" &lt;markup&gt; &amp; more.
    /// Second line.
    /// </summary>
    /// <param name="from">A keyword as a name</param>
    /// <param name="entityNames">The <c>entity_names</c> argument.</param>
    /// <param name="cancellationToken2">The <c>cancellationToken</c> argument.</param>
    /// <param name="_123abc">The <c>123abc</c> argument.</param>
    /// <param name="params">The <c>params</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("class")]
    Task<string> ClassAsync(
        string from,
        [McpArgument("entity_names")] IReadOnlyList<string> entityNames,
        [McpArgument("cancellationToken")] string? cancellationToken2 = null,
        [McpArgument("123abc")] long? _123abc = null,
        bool? @params = null,
        CancellationToken cancellationToken = default);

    /// <summary>Calls the <c>get-sum</c> tool.</summary>
    /// <param name="a">The <c>a</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, CancellationToken cancellationToken = default);

    /// <summary>Calls the <c>get_sum</c> tool.</summary>
    /// <param name="a">The <c>a</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get_sum")]
    Task<string> GetSumAsync2(string a, CancellationToken cancellationToken = default);

    /// <summary>Calls the <c>we"ird\name</c> tool.</summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("we\"ird\\name")]
    Task<string> WeIrdNameAsync(CancellationToken cancellationToken = default);

    /// <summary>Every schema shape.</summary>
    /// <param name="city">The <c>city</c> argument.</param>
    /// <param name="point">The <c>point</c> argument.</param>
    /// <param name="nullableCount">The <c>nullableCount</c> argument.</param>
    /// <param name="matrix">The <c>matrix</c> argument.</param>
    /// <param name="labels">The <c>labels</c> argument.</param>
    /// <param name="maybe">The <c>maybe</c> argument.</param>
    /// <param name="anything">The <c>anything</c> argument.</param>
    /// <param name="union">
    /// The <c>union</c> argument. The schema also allows <c>string</c> here; to send one, change the type to
    /// <c>JsonElement</c>.
    /// </param>
    /// <param name="task">The <c>task</c> argument.</param>
    /// <param name="item">The <c>item</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("shapes")]
    Task<EdgeShapesResult> ShapesAsync(
        EdgeCity city,
        EdgePoint point,
        long? nullableCount,
        IReadOnlyList<IReadOnlyList<long>>? matrix = null,
        IReadOnlyDictionary<string, string>? labels = null,
        string? maybe = null,
        JsonElement? anything = null,
        double? union = null,
        EdgeTask? task = null,
        EdgeShapesItem? item = null,
        CancellationToken cancellationToken = default);

    /// <summary>Calls the <c>other</c> tool.</summary>
    /// <param name="item">The <c>item</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("other")]
    Task<string> OtherAsync(EdgeOtherItem item, CancellationToken cancellationToken = default);
}

/// <summary>The shape of the <c>point</c> argument of <c>shapes</c>.</summary>
/// <param name="X">The <c>x</c> member.</param>
/// <param name="Y">The <c>y</c> member.</param>
public sealed record EdgePoint(
    [property: JsonPropertyName("x")] double X,
    [property: JsonPropertyName("y")] double Y);

/// <summary>The shape of the <c>nested</c> member of the <c>task</c> argument of <c>shapes</c>.</summary>
/// <param name="Deep">The <c>deep</c> member.</param>
public sealed record EdgeNested(
    [property: JsonPropertyName("deep"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Deep = null);

/// <summary>The shape of the <c>task</c> argument of <c>shapes</c>.</summary>
/// <param name="Title">The <c>title</c> member.</param>
/// <param name="Nested">The <c>nested</c> member.</param>
public sealed record EdgeTask(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("nested"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EdgeNested? Nested = null);

/// <summary>The shape of the <c>item</c> argument of <c>shapes</c>.</summary>
/// <param name="Name">The <c>name</c> member.</param>
public sealed record EdgeShapesItem(
    [property: JsonPropertyName("name")] string Name);

/// <summary>What <c>shapes</c> answers in <c>structuredContent</c>.</summary>
/// <param name="ShapesResult">The <c>shapesResult</c> member.</param>
/// <param name="Equals2">The <c>Equals</c> member.</param>
/// <param name="Value">Optional, with a default. When omitted, the server uses <c>1.5</c>.</param>
/// <param name="Status">The <c>status</c> member.</param>
public sealed record EdgeShapesResult(
    [property: JsonPropertyName("shapesResult")] string ShapesResult,
    [property: JsonPropertyName("Equals"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Equals2 = null,
    [property: JsonPropertyName("value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value = null,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EdgeShapesStatus? Status = null);

/// <summary>The shape of the <c>item</c> argument of <c>other</c>.</summary>
/// <param name="Id">The <c>id</c> member.</param>
public sealed record EdgeOtherItem(
    [property: JsonPropertyName("id")] long Id);

/// <summary>The values of the <c>city</c> argument of <c>shapes</c>.</summary>
public enum EdgeCity
{
    /// <summary><c>New York</c> on the wire.</summary>
    [JsonStringEnumMemberName("New York")]
    NewYork,
    /// <summary><c>default</c> on the wire.</summary>
    [JsonStringEnumMemberName("default")]
    Default,
    /// <summary><c>a-b</c> on the wire.</summary>
    [JsonStringEnumMemberName("a-b")]
    AB,
    /// <summary><c>1x</c> on the wire.</summary>
    [JsonStringEnumMemberName("1x")]
    _1x,
    /// <summary><c>aB</c> on the wire.</summary>
    [JsonStringEnumMemberName("aB")]
    AB2,
    /// <summary><c>a b</c> on the wire.</summary>
    [JsonStringEnumMemberName("a b")]
    AB3,
    /// <summary><c>value__</c> on the wire.</summary>
    [JsonStringEnumMemberName("value__")]
    Value,
}

/// <summary>
/// The values of the <c>status</c> member of what <c>shapes</c> answers in <c>structuredContent</c>.
/// </summary>
public enum EdgeShapesStatus
{
    /// <summary><c>ok</c> on the wire.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,
    /// <summary><c>failed</c> on the wire.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>
/// JSON metadata for the types of <see cref="IEdgeTools"/>, written at build time by System.Text.Json's source
/// generator, so the client needs no reflection (trimmed and Native AOT applications).
/// </summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(EdgeCity))]
[JsonSerializable(typeof(EdgePoint))]
[JsonSerializable(typeof(IReadOnlyList<IReadOnlyList<long>>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(EdgeTask))]
[JsonSerializable(typeof(EdgeShapesItem))]
[JsonSerializable(typeof(EdgeShapesResult))]
[JsonSerializable(typeof(EdgeOtherItem))]
[JsonSerializable(typeof(EdgeNested))]
internal sealed partial class EdgeToolsJsonContext : JsonSerializerContext;
