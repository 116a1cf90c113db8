using System.Text.Json;
using System.Text.Json.Serialization;

namespace Everything;

/// <summary>The embedded server writes camelCase JSON, as server-everything does.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Weather))]
internal sealed partial class EmbeddedJsonContext : JsonSerializerContext;
