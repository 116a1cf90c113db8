using System.Text.Json.Serialization;

namespace Everything;

/// <summary>The structured answer of <c>get-structured-content</c>.</summary>
/// <param name="Temperature">Temperature in Celsius.</param>
/// <param name="Conditions">A description of the conditions.</param>
/// <param name="Humidity">Relative humidity in percent.</param>
public sealed record Weather(double Temperature, string Conditions, double Humidity);

/// <summary>JSON metadata for the sample's own types, so that it needs no reflection (and publishes as Native AOT).</summary>
[JsonSerializable(typeof(Weather))]
internal sealed partial class EverythingJsonContext : JsonSerializerContext;
