using System.Text.Json;
using System.Text.Json.Serialization;
using McpSdk.Cli.Registry.Model;

namespace McpSdk.Cli.Registry;

/// <summary>Source-generated JSON metadata for the registry's answers (camelCase, as the registry writes them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RegistryServerList))]
[JsonSerializable(typeof(RegistryServerResponse))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
