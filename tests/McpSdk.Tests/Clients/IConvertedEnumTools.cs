using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace McpSdk.Tests.Clients;

/// <summary>An enum and a record carrying it, each of which the application serialises its own way.</summary>
[McpClient]
public interface IConvertedEnumTools
{
    [McpTool("paint")]
    Task<string> PaintAsync(Shade shade, Swatch swatch);
}

/// <summary>An enum whose own converter writes a form no built-in converter would.</summary>
[JsonConverter(typeof(ShadeConverter))]
public enum Shade
{
    Light,
    Dark,
}

/// <summary>A record whose member is <see cref="Shade"/>.</summary>
public sealed record Swatch(Shade Shade);

/// <summary>Writes a <see cref="Shade"/> as <c>shade-of-{name in lower case}</c>.</summary>
public sealed class ShadeConverter : JsonConverter<Shade>
{
    private const string Prefix = "shade-of-";

    public override Shade Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Enum.Parse<Shade>(reader.GetString()!.AsSpan(Prefix.Length), ignoreCase: true);

    public override void Write(Utf8JsonWriter writer, Shade value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Prefix + value.ToString().ToLowerInvariant());
}
