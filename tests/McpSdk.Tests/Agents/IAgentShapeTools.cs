using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Agents;

/// <summary>Every parameter shape the generator writes a schema for, to compare with AIJsonUtilities and validate.</summary>
[McpClient]
public interface IAgentShapeTools
{
    [McpTool("shape-primitives")]
    Task<string> PrimitivesAsync(string text, int count, long big, bool flag, decimal price, double ratio, Guid id, DateTimeOffset at, Uri link, char letter);

    [McpTool("shape-optional")]
    Task<string> OptionalAsync(
        string? note,
        int? limit,
        int size = 10,
        string mode = "fast",
        ShapeColor color = ShapeColor.Green,
        ShapeColor? tint = null,
        [McpArgument("max_results")] int maxResults = 5,
        IProgress<McpProgress>? progress = null,
        CancellationToken cancellationToken = default);

    [McpTool("shape-enums")]
    Task<string> EnumsAsync(ShapeColor color, RenamedColor renamed, ShapeColor[] palette, NumberedColor numbered);

    [McpTool("shape-records")]
    Task<string> RecordsAsync(ShapePoint origin, ShapeOutline outline, ShapeOptions? options = null);

    [McpTool("shape-collections")]
    Task<string> CollectionsAsync(
        List<int> numbers, string[] names, IReadOnlyList<ShapePoint> points, HashSet<string> tags, Dictionary<string, int> counts,
        IReadOnlyDictionary<string, ShapePoint> named, JsonElement payload);
}

public enum ShapeColor
{
    Red,
    Green,
    Blue,
}

public enum RenamedColor
{
    [JsonStringEnumMemberName("first-one")]
    First,
    Second,
}

/// <summary>An enum with its own converter: the proxy adds none, and the schema says only "string".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NumberedColor>))]
public enum NumberedColor
{
    One,
    Two,
}

public sealed record ShapePoint(int X, int Y, string? Label = null);

public sealed class ShapeOutline
{
    public required string Name { get; init; }

    [Description("Corners, in order.")]
    public List<ShapePoint> Corners { get; init; } = [];

    [JsonPropertyName("AREA")]
    public double? Area { get; init; }

    [JsonIgnore]
    public int Hidden { get; init; }

    public int URLCount { get; init; }
}

public sealed record ShapeOptions(bool Verbose, ShapeColor Color = ShapeColor.Red, Dictionary<string, string>? Extra = null);
