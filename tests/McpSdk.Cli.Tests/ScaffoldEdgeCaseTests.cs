using System;
using System.Collections.Generic;
using System.Text.Json;
using McpSdk.Cli.Scaffolding;
using McpSdk.Cli.Scaffolding.Model;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>Tool lists no reference server has: names that are keywords or collide, and every schema shape mapped.</summary>
public sealed class ScaffoldEdgeCaseTests
{
    private static readonly Implementation s_server = new() { Name = "edge-cases", Version = "1.0.0" };

    private static readonly Tool[] s_tools =
    [
        Tool("class", """Returns "quoted" <markup> & more.\nSecond line.""",
            """
            {"type":"object","properties":{
              "from":{"type":"string","description":"A keyword as a name"},
              "entity_names":{"type":"array","items":{"type":"string"}},
              "cancellationToken":{"type":"string"},
              "123abc":{"type":"integer"},
              "params":{"type":"boolean"}
            },"required":["from","entity_names"]}
            """),
        Tool("get-sum", null, """{"type":"object","properties":{"a":{"type":"number"}},"required":["a"]}"""),
        Tool("get_sum", null, """{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}"""),
        Tool("we\"ird\\name", null, """{"type":"object"}"""),
        Tool("shapes", "Every schema shape.",
            """
            {"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"]}},
             "properties":{
              "city":{"type":"string","enum":["New York","default","a-b","1x","aB","a b","value__"]},
              "point":{"$ref":"#/$defs/point"},
              "matrix":{"type":"array","items":{"type":"array","items":{"type":"integer"}}},
              "labels":{"type":"object","additionalProperties":{"type":"string"}},
              "maybe":{"anyOf":[{"type":"string"},{"type":"null"}]},
              "nullableCount":{"type":["integer","null"]},
              "anything":{},
              "union":{"anyOf":[{"type":"string"},{"type":"number"}]},
              "task":{"type":"object","properties":{"title":{"type":"string"},"nested":{"type":"object","properties":{"deep":{"type":"boolean"}}}},"required":["title"]},
              "item":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}
             },"required":["city","point","nullableCount"]}
            """,
            """
            {"type":"object","properties":{
              "shapesResult":{"type":"string"},
              "Equals":{"type":"string"},
              "value":{"type":"number","description":"Optional, with a default.","default":1.5},
              "status":{"type":"string","enum":["ok","failed"]}
            },"required":["shapesResult"]}
            """),
        Tool("other", null,
            """{"type":"object","properties":{"item":{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}},"required":["item"]}"""),
    ];

    [Fact]
    public void Keywords_collisions_and_every_schema_shape_scaffold_to_the_baseline()
    {
        Snapshot.Verify(Scaffold(), "EdgeCases");
    }

    [Fact]
    public void Keywords_collisions_and_every_schema_shape_compile_with_the_generator_without_warnings()
    {
        ScaffoldCompiler.AssertCompilesCleanly(Scaffold());
    }

    [Fact]
    public void Names_are_valid_distinct_identifiers_and_keep_their_wire_names()
    {
        ClientDeclaration client = ClientScaffolder.Build(s_server, s_tools, "Edge", "IEdgeTools");

        Assert.Equal(["ClassAsync", "GetSumAsync", "GetSumAsync2", "WeIrdNameAsync", "ShapesAsync", "OtherAsync"], client.Methods.ConvertAll(m => m.Name));
        ToolMethodDeclaration keywordTool = client.Methods[0];
        Assert.Equal(["from", "entityNames", "cancellationToken2", "_123abc", "@params"], keywordTool.Parameters.ConvertAll(p => p.Name));
        Assert.Equal([false, true, true, true, false], keywordTool.Parameters.ConvertAll(p => p.NeedsWireName));
    }

    [Fact]
    public void Enum_members_are_PascalCase_and_carry_the_wire_value_where_it_differs()
    {
        ClientDeclaration client = ClientScaffolder.Build(s_server, s_tools, "Edge", "IEdgeTools");

        EnumDeclaration city = Assert.Single(client.Enums, e => e.Name == "EdgeCity");
        Assert.Equal(["NewYork", "Default", "AB", "_1x", "AB2", "AB3", "Value"], city.Members.ConvertAll(m => m.Name));
        Assert.All(city.Members, member => Assert.True(member.NeedsWireName));
    }

    [Fact]
    public void Type_names_start_with_the_interfaces_stem_and_a_generic_one_names_its_tool()
    {
        ClientDeclaration client = ClientScaffolder.Build(s_server, s_tools, "Edge", "IEdgeTools");

        Assert.Contains(client.Records, r => r.Name == "EdgeShapesItem");
        Assert.Contains(client.Records, r => r.Name == "EdgeOtherItem");
        Assert.Contains(client.Records, r => r.Name == "EdgeTask"); // never 'Task', which would shadow System.Threading.Tasks.Task
    }

    private static string Scaffold() => ClientWriter.Write(ClientScaffolder.Build(s_server, s_tools, "Edge", "IEdgeTools"));

    /// <summary>A tool as <c>tools/list</c> describes it, from its schemas' JSON.</summary>
    internal static Tool Tool(string name, string? description, string inputSchema, string? outputSchema = null) => new()
    {
        Name = name,
        Description = description?.Replace("\\n", "\n", StringComparison.Ordinal),
        InputSchema = JsonDocument.Parse(inputSchema).RootElement.Clone(),
        OutputSchema = outputSchema is null ? null : JsonDocument.Parse(outputSchema).RootElement.Clone(),
    };
}

internal static class ListExtensions
{
    public static List<TOut> ConvertAll<TIn, TOut>(this IReadOnlyList<TIn> list, Func<TIn, TOut> convert)
    {
        var result = new List<TOut>(list.Count);
        foreach (TIn item in list)
        {
            result.Add(convert(item));
        }

        return result;
    }
}
