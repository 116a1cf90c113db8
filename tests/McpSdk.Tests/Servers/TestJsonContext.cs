using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSdk.Tests.Servers;

[JsonSerializable(typeof(IDictionary<string, JsonElement>))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
