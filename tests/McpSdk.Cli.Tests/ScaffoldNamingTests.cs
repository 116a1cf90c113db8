using System;
using System.Linq;
using System.Text.Json;
using McpSdk.Cli.Scaffolding;
using McpSdk.Cli.Scaffolding.Model;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// What a team would commit: tool lists shaped like those of third-party servers (a version-control server with
/// generic argument names, a database server, a reasoning server) scaffold to names that cannot clash, singular item
/// types, the useful C# type for unions, PascalCase enum members and text results.
/// </summary>
public sealed class ScaffoldNamingTests
{
    private static readonly Implementation s_git = new() { Name = "mcp-git", Version = "1.0.0" };
    private static readonly Implementation s_database = new() { Name = "database-server", Version = "2.0.0" };

    private static readonly Tool[] s_gitTools =
    [
        Tool("git_log", "Shows the commit log.",
            """
            {"type":"object","properties":{
              "format":{"type":"string","enum":["oneline","full"]},
              "type":{"type":"string","enum":["commit","merge"]},
              "mode":{"type":"string","enum":["fast","slow"]},
              "branches":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}},
              "stashes":{"type":"array","items":{"type":"object","properties":{"ref":{"type":"string"}},"required":["ref"]}},
              "since":{"anyOf":[{"type":"string","format":"date"},{"type":"string","format":"date-time"}]},
              "verbose":{"type":["boolean","string"]}
            },"required":["format"]}
            """),
        Tool("git_status", "Shows the working tree status.",
            """{"type":"object","properties":{}}""",
            """
            {"type":"object","properties":{
              "status":{"type":"string","enum":["clean","dirty"]},
              "changes":{"type":["integer","string"]}
            },"required":["status"]}
            """),
    ];

    private static readonly Tool[] s_databaseTools =
    [
        Tool("query", "Runs a query and returns the rows as text. " + string.Concat(Enumerable.Repeat("It is a long description. ", 12)),
            $$"""
            {"type":"object","properties":{
              "sql":{"type":"string","description":"The SQL to run. {{string.Concat(Enumerable.Repeat("Mind the quoting rules of the dialect. ", 6))}}"},
              "format":{"type":"string","enum":["table","csv"]},
              "type":{"type":"string","enum":["read","write"]},
              "status":{"type":"string","enum":["error","resourceLink","ok"]}
            },"required":["sql"]}
            """),
    ];

    [Fact]
    public void Generated_type_names_are_qualified_so_that_none_hides_a_System_type()
    {
        ClientDeclaration git = ClientScaffolder.Build(s_git, s_gitTools, "Shared", "IGitTools");
        string[] names = [.. git.Records.Select(r => r.Name), .. git.Enums.Select(e => e.Name)];

        Assert.Contains("GitLogFormat", names);
        Assert.Contains("GitLogType", names);
        Assert.Contains("GitLogMode", names);
        Assert.Contains("GitStatusResult", names);
        string[] system = typeof(object).Assembly.GetExportedTypes().Where(t => t.Namespace == "System").Select(t => t.Name).ToArray();
        Assert.Empty(names.Intersect(system, StringComparer.Ordinal));
    }

    [Fact]
    public void Two_interfaces_scaffolded_from_different_servers_compile_together_in_one_namespace_with_using_System()
    {
        string git = ClientWriter.Write(ClientScaffolder.Build(s_git, s_gitTools, "Shared", "IGitTools"));
        string database = ClientWriter.Write(ClientScaffolder.Build(s_database, s_databaseTools, "Shared", "IDatabaseTools"));
        const string consumer = """
            using System;
            using System.Threading.Tasks;
            using Shared;

            namespace Consumer;

            /// <summary>Uses both clients and System types by their short names.</summary>
            public static class Uses
            {
                /// <summary>Calls both.</summary>
                public static async Task<Type> BothAsync(IGitTools git, IDatabaseTools database)
                {
                    await git.GitStatusAsync();
                    await database.QueryAsync("select 1");
                    return typeof(Uses);
                }
            }
            """;

        ScaffoldCompiler.AssertCompilesCleanly([git, database, consumer]);
    }

    [Fact]
    public void Plural_argument_names_give_singular_item_types()
    {
        ClientDeclaration git = ClientScaffolder.Build(s_git, s_gitTools, "Shared", "IGitTools");
        string[] records = [.. git.Records.Select(r => r.Name)];

        Assert.Contains("GitBranch", records);
        Assert.Contains("GitStash", records);
        Assert.DoesNotContain(records, name => name.EndsWith("Branche", StringComparison.Ordinal) || name.EndsWith("Stashe", StringComparison.Ordinal));
    }

    [Fact]
    public void Unions_of_one_kind_map_to_that_type_and_an_argument_union_with_string_to_the_narrower_type_with_a_note()
    {
        ClientDeclaration git = ClientScaffolder.Build(s_git, s_gitTools, "Shared", "IGitTools");
        ParameterDeclaration since = git.Methods[0].Parameters.Single(p => p.WireName == "since");
        ParameterDeclaration verbose = git.Methods[0].Parameters.Single(p => p.WireName == "verbose");
        RecordDeclaration status = git.Records.Single(r => r.Name == "GitStatusResult");

        Assert.Equal("string", since.Type.Name);
        Assert.Null(since.Type.Note);
        Assert.Equal("bool", verbose.Type.Name);
        Assert.Contains("string", verbose.Description, StringComparison.Ordinal);
        // A result must read every alternative: no narrower type is safe there.
        Assert.Equal("JsonElement", status.Properties.Single(p => p.WireName == "changes").Type.Name);
    }

    [Fact]
    public void Enum_members_are_PascalCase_and_keep_their_wire_names()
    {
        ClientDeclaration database = ClientScaffolder.Build(s_database, s_databaseTools, "Shared", "IDatabaseTools");
        EnumDeclaration status = database.Enums.Single(e => e.Members.Any(m => m.WireValue == "resourceLink"));

        Assert.Equal(["Error", "ResourceLink", "Ok"], status.Members.Select(m => m.Name));
        Assert.All(status.Members, member => Assert.True(member.NeedsWireName));
    }

    [Fact]
    public void A_tool_without_an_output_schema_returns_text_unless_raw_results_are_asked_for()
    {
        string text = ClientWriter.Write(ClientScaffolder.Build(s_database, s_databaseTools, "Shared", "IDatabaseTools"));
        string raw = ClientWriter.Write(ClientScaffolder.Build(s_database, s_databaseTools, "Shared", "IDatabaseTools", rawResults: true));

        Assert.Contains("Task<string> QueryAsync(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("using ModelContextProtocol.Protocol;", text, StringComparison.Ordinal);
        Assert.Contains("Task<CallToolResult> QueryAsync(", raw, StringComparison.Ordinal);
        ScaffoldCompiler.AssertCompilesCleanly(raw);
    }

    [Fact]
    public void Doc_comments_are_wrapped_at_the_line_width()
    {
        string text = ClientWriter.Write(ClientScaffolder.Build(s_database, s_databaseTools, "Shared", "IDatabaseTools"));

        string[] longLines = text.Split('\n').Where(line => line.TrimStart().StartsWith("///", StringComparison.Ordinal) && line.Length > 120).ToArray();
        Assert.True(longLines.Length == 0, "Doc lines over 120 characters:\n" + string.Join("\n", longLines));
    }

    private static Tool Tool(string name, string description, string inputSchema, string? outputSchema = null) => new()
    {
        Name = name,
        Description = description,
        InputSchema = JsonDocument.Parse(inputSchema).RootElement.Clone(),
        OutputSchema = outputSchema is null ? null : JsonDocument.Parse(outputSchema).RootElement.Clone(),
    };
}
