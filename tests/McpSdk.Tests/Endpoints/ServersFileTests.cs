using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Tests.Peers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace McpSdk.Tests.Endpoints;

/// <summary>
/// Server definitions users already have, read as they are: an editor's .vscode/mcp.json (servers, inputs) and a
/// desktop client's mcpServers, through <see cref="McpServersFile"/> and through <c>UseConfiguration()</c>.
/// </summary>
public sealed class ServersFileTests
{
    private const string VsCodeJson = """
        {
          // What the editor prompts for.
          "inputs": [
            { "type": "promptString", "id": "token", "description": "GitHub token", "password": true },
          ],
          "servers": {
            "git": {
              "type": "stdio",
              "command": "uvx",
              "args": ["mcp-server-git", "--repository", "${workspaceFolder}"],
              "env": { "GITHUB_TOKEN": "${input:token}", "MISSING": "${env:MCPSDK_TESTS_SURELY_UNSET}", "REMOVED": null },
              "cwd": "${workspaceFolder}/src",
            },
            "remote": {
              "type": "http",
              "url": "https://tools.example.com/mcp",
              "headers": { "Authorization": "Bearer ${input:token}" },
            },
          },
        }
        """;

    private const string DesktopJson = """
        { "mcpServers": {
            "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"], "env": { "MEMORY_FILE_PATH": "/tmp/m.jsonl" } },
            "search": { "type": "sse", "url": "https://search.example.com/sse", "headers": { "X-Api-Key": "k" } } } }
        """;

    private static readonly Dictionary<string, string> s_inputs = new() { ["token"] = "t0k3n" };

    [Fact]
    public void A_vscode_stdio_server_reads_with_its_inputs_environment_and_workspace_folder_resolved()
    {
        McpServersFile file = McpServersFile.Parse(VsCodeJson, workspaceFolder: "/work/repo");

        McpServerDefinition git = file.GetServer("git", s_inputs);

        Assert.Equal(["git", "remote"], file.ServerNames);
        Assert.Equal("GitHub token", file.Inputs["token"]);
        Assert.Equal("uvx", git.Command);
        Assert.Equal(["mcp-server-git", "--repository", "/work/repo"], git.Arguments);
        Assert.Equal("t0k3n", git.Environment["GITHUB_TOKEN"]);
        Assert.Equal(string.Empty, git.Environment["MISSING"]);
        Assert.Null(git.Environment["REMOVED"]);
        Assert.Equal("/work/repo/src", git.WorkingDirectory);
        Assert.IsType<StdioEndpoint>(git.ToEndpoint());
    }

    [Fact]
    public void A_vscode_http_server_reads_with_its_headers_and_becomes_an_http_endpoint()
    {
        McpServerDefinition remote = McpServersFile.Parse(VsCodeJson).GetServer("remote", s_inputs);

        Assert.Equal(new Uri("https://tools.example.com/mcp"), remote.Url);
        Assert.Equal("Bearer t0k3n", remote.Headers["authorization"]);
        McpEndpoint endpoint = remote.ToEndpoint();
        Assert.IsType<HttpEndpoint>(endpoint);
        Assert.Equal("https://tools.example.com/mcp", endpoint.Name);
    }

    [Fact]
    public void An_input_without_a_value_fails_naming_the_server_the_input_and_its_description()
    {
        McpServersFile file = McpServersFile.Parse(VsCodeJson);

        var error = Assert.Throws<InvalidOperationException>(() => file.GetServer("git"));

        Assert.Contains("'git'", error.Message, StringComparison.Ordinal);
        Assert.Contains("${input:token}", error.Message, StringComparison.Ordinal);
        Assert.Contains("GitHub token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_desktop_mcpServers_file_reads_stdio_and_sse_servers()
    {
        McpServersFile file = McpServersFile.Parse(DesktopJson);

        McpServerDefinition memory = file.GetServer("memory");
        McpServerDefinition search = file.GetServer("search");

        Assert.Equal(["-y", "@modelcontextprotocol/server-memory"], memory.Arguments);
        Assert.Equal("/tmp/m.jsonl", memory.Environment["MEMORY_FILE_PATH"]);
        Assert.IsType<StdioEndpoint>(memory.ToEndpoint());
        Assert.Equal("sse", search.Type);
        Assert.IsType<HttpEndpoint>(search.ToEndpoint());
    }

    [Fact]
    public void An_unknown_server_or_a_file_without_servers_fails_saying_what_there_is()
    {
        var unknown = Assert.Throws<KeyNotFoundException>(() => McpServersFile.Parse(DesktopJson).GetServer("git"));
        var shapeless = Assert.Throws<FormatException>(() => McpServersFile.Parse("""{ "mcp": {} }"""));

        Assert.Contains("'memory', 'search'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("mcpServers", shapeless.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_a_vscode_folder_has_the_folder_above_it_as_its_workspace_folder()
    {
        string workspace = Directory.CreateTempSubdirectory("mcpsdk-servers-file-").FullName;
        try
        {
            string path = Path.Combine(Directory.CreateDirectory(Path.Combine(workspace, ".vscode")).FullName, "mcp.json");
            File.WriteAllText(path, VsCodeJson);

            McpServerDefinition git = McpServersFile.Load(path).GetServer("git", s_inputs);

            Assert.Equal(workspace, git.Arguments[2]);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    [Fact]
    public async Task An_endpoint_from_a_servers_file_starts_the_real_server_with_the_input_in_its_environment()
    {
        string script = ServerEverythingScript();
        string workspace = Directory.CreateTempSubdirectory("mcpsdk-servers-file-").FullName;
        try
        {
            string path = Path.Combine(workspace, "mcp.json");
            File.WriteAllText(path, $$"""
                { "inputs": [ { "id": "greeting", "description": "A greeting" } ],
                  "servers": { "everything": { "command": "node", "args": [{{System.Text.Json.JsonSerializer.Serialize(script)}}, "stdio"],
                                               "env": { "MCPSDK_GREETING": "${input:greeting}" } } } }
                """);

            await using McpConnection connection = await McpConnection.OpenAsync(
                McpEndpoint.FromServersFile(path, "everything", new Dictionary<string, string> { ["greeting"] = "hello from mcp.json" }));

            Assert.Contains("hello from mcp.json", await connection.CreateClient<IEnvTools>().GetEnvAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    [Fact]
    public async Task UseConfiguration_reads_a_loaded_vscode_mcp_json_with_inputs_from_configuration()
    {
        string script = ServerEverythingScript();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // As AddJsonFile(".vscode/mcp.json") lays it out, plus the input's value from another source.
            ["inputs:0:id"] = "greeting",
            ["servers:everything:type"] = "stdio",
            ["servers:everything:command"] = "node",
            ["servers:everything:args:0"] = script,
            ["servers:everything:args:1"] = "stdio",
            ["servers:everything:env:MCPSDK_GREETING"] = "${input:greeting}",
            ["Mcp:Inputs:greeting"] = "hello from configuration",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IEnvTools>(mcp => mcp.WithConnectionName("everything").UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        string environment = await provider.GetRequiredService<IEnvTools>().GetEnvAsync();

        Assert.Contains("hello from configuration", environment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseConfiguration_reads_a_desktop_mcpServers_entry_and_names_a_missing_input()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["mcpServers:remote:url"] = "https://tools.example.com/mcp",
            ["mcpServers:remote:headers:Authorization"] = "Bearer ${input:token}",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IEnvTools>(mcp => mcp.WithConnectionName("remote").UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEnvTools>());

        Assert.Contains("Mcp:Inputs:token", error.Message, StringComparison.Ordinal);
    }

    private static string ServerEverythingScript()
    {
        PeerServers.ServerEverythingStdio(); // fails with what to run when the pinned servers are not installed
        return Path.Combine(PeerServers.RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
    }
}
