using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Json.Schema;
using McpSdk.Serialization;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.AI;
using Xunit;

namespace McpSdk.Tests.Agents;

/// <summary>
/// The schemas the generator wrote at compile time, checked against what AIJsonUtilities reflects at run time from the
/// same parameters (with the proxy's JSON settings), and as JSON Schema: valid schemas that accept what the proxy sends.
/// </summary>
public sealed class SchemaTests
{
    // The proxy's settings (camelCase names and enum values, required constructor parameters), numbers strict as models send them.
    private static readonly JsonSerializerOptions s_proxyJson = new(McpJson.CreateOptions(
        null, new JsonStringEnumConverter<ShapeColor>(JsonNamingPolicy.CamelCase), new JsonStringEnumConverter<RenamedColor>(JsonNamingPolicy.CamelCase)))
    {
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static TheoryData<string> Methods => new(typeof(IAgentShapeTools).GetMethods().Select(method => method.Name));

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Each_emitted_schema_has_the_property_names_required_set_and_types_AIJsonUtilities_reflects(string methodName)
    {
        MethodInfo method = typeof(IAgentShapeTools).GetMethod(methodName)!;
        JsonElement ours = await SchemaOfAsync(method);
        JsonElement properties = ours.GetProperty("properties");
        ParameterInfo[] arguments = method.GetParameters()
            .Where(p => p.ParameterType != typeof(CancellationToken) && p.ParameterType != typeof(IProgress<McpProgress>))
            .ToArray();

        Assert.Equal(arguments.Select(WireName).Order(), properties.EnumerateObject().Select(p => p.Name).Order());
        var nullability = new NullabilityInfoContext();
        foreach (ParameterInfo parameter in arguments)
        {
            if (parameter.ParameterType == typeof(NumberedColor))
            {
                continue; // Its own converter: the generator says "string" without reading the converter; AIJsonUtilities cannot either.
            }

            JsonElement theirs = AIJsonUtilities.CreateJsonSchema(parameter.ParameterType, serializerOptions: s_proxyJson);
            AssertSameShape(properties.GetProperty(WireName(parameter)), theirs, "$." + WireName(parameter));
        }

        // AIFunctionFactory requires every parameter without a default; McpSdk also leaves nullable ones optional (null is omitted).
        string[] theirsRequired = arguments.Where(p => !p.HasDefaultValue).Select(WireName).Order().ToArray();
        string[] oursRequired = Required(ours);
        Assert.Equal(
            theirsRequired.Except(oursRequired),
            arguments.Where(p => !p.HasDefaultValue && nullability.Create(p).WriteState == NullabilityState.Nullable).Select(WireName).Order());
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task Each_emitted_schema_is_a_valid_JSON_Schema(string methodName)
    {
        JsonElement ours = await SchemaOfAsync(typeof(IAgentShapeTools).GetMethod(methodName)!);

        EvaluationResults results = MetaSchemas.Draft202012.Evaluate(ours, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public async Task What_the_proxy_sends_validates_against_the_emitted_schemas()
    {
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session);
        IAgentShapeTools tools = connection.CreateClient<IAgentShapeTools>();
        IReadOnlyList<AIFunction> functions = tools.AsAIFunctions();

        await tools.PrimitivesAsync("t", 1, 2, true, 3.5m, 0.25, Guid.Empty, DateTimeOffset.UnixEpoch, new Uri("https://example.com/"), 'x');
        await tools.OptionalAsync(null, 3, tint: ShapeColor.Blue);
        await tools.EnumsAsync(ShapeColor.Red, RenamedColor.First, [ShapeColor.Green], NumberedColor.Two);
        await tools.RecordsAsync(
            new ShapePoint(1, 2), new ShapeOutline { Name = "square", Corners = [new ShapePoint(0, 0, "origin")], Area = 4 }, new ShapeOptions(true));
        await tools.CollectionsAsync([1], ["a"], [new ShapePoint(3, 4)], ["tag"], new() { ["k"] = 1 }, new Dictionary<string, ShapePoint> { ["p"] = new(5, 6) },
            JsonDocument.Parse("""{"any":[1,"thing"]}""").RootElement);

        string[] sent = session.Starts.ToArray();
        Assert.Equal(functions.Count, sent.Length);
        for (int i = 0; i < sent.Length; i++)
        {
            JsonSchema schema = JsonSchema.FromText(functions[i].JsonSchema.GetRawText());
            EvaluationResults results = schema.Evaluate(JsonDocument.Parse(sent[i]).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(results.IsValid, $"{functions[i].Name} rejects {sent[i]}: " + Errors(results));
        }
    }

    private static async Task<JsonElement> SchemaOfAsync(MethodInfo method)
    {
        await using McpConnection connection = TestConnections.Create(new ScriptedSession());
        string toolName = method.GetCustomAttribute<McpToolAttribute>()!.Name;
        return connection.CreateClient<IAgentShapeTools>().AsAIFunctions().Single(f => f.Name == toolName).JsonSchema;
    }

    private static string WireName(ParameterInfo parameter) => parameter.GetCustomAttribute<McpArgumentAttribute>()?.Name ?? parameter.Name!;

    private static string[] Required(JsonElement schema) =>
        schema.TryGetProperty("required", out JsonElement required) ? required.EnumerateArray().Select(e => e.GetString()!).Order().ToArray() : [];

    /// <summary>Same types (null aside), same properties and required set, same enum names, same items and values, all the way down.</summary>
    private static void AssertSameShape(JsonElement ours, JsonElement theirs, string path)
    {
        if (theirs.ValueKind != JsonValueKind.Object || theirs.TryGetProperty("$ref", out _))
        {
            return; // A recursive reference (or 'true'): nothing to compare at this level.
        }

        Assert.True(Types(ours).SetEquals(Types(theirs)), $"{path}: types {string.Join(",", Types(ours))} vs {string.Join(",", Types(theirs))}");
        if (theirs.TryGetProperty("enum", out JsonElement theirEnum))
        {
            Assert.Equal(Names(theirEnum), Names(ours.GetProperty("enum")));
        }

        if (theirs.TryGetProperty("properties", out JsonElement theirProperties))
        {
            JsonElement ourProperties = ours.GetProperty("properties");
            Assert.Equal(theirProperties.EnumerateObject().Select(p => p.Name).Order(), ourProperties.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal(Required(theirs), Required(ours));
            foreach (JsonProperty property in theirProperties.EnumerateObject())
            {
                AssertSameShape(ourProperties.GetProperty(property.Name), property.Value, path + "." + property.Name);
            }
        }

        foreach (string nested in new[] { "items", "additionalProperties" })
        {
            if (theirs.TryGetProperty(nested, out JsonElement theirNested) && theirNested.ValueKind == JsonValueKind.Object)
            {
                AssertSameShape(ours.GetProperty(nested), theirNested, path + "." + nested);
            }
        }
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value)));

    private static HashSet<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out JsonElement type))
        {
            return [];
        }

        IEnumerable<string> names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!];
        return names.Where(name => name != "null").ToHashSet();
    }

    private static string[] Names(JsonElement values) =>
        values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).Order().ToArray();
}
