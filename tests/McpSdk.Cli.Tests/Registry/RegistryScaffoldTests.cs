using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Cli.Tests.Registry;

/// <summary>
/// <c>mcpsdk search</c> and <c>mcpsdk scaffold --registry</c> against <see cref="LocalRegistry"/>: entries shaped like the
/// published server.json, an npm one that starts the pinned server-everything through npx (in tests/peers, offline), a
/// streamable-http remote, and entries that cannot start, each with the message a user would act on.
/// </summary>
public sealed class RegistryScaffoldTests : IAsyncLifetime
{
    private const string Everything = "io.github.modelcontextprotocol/server-everything";
    private const string Weather = "io.example.test/weather-remote";

    private readonly string _directory = Directory.CreateTempSubdirectory("mcpsdk-registry-tests-").FullName;
    private LocalRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await LocalRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Search_then_scaffold_from_the_npm_entry_gives_an_interface_that_compiles_and_calls_the_started_server()
    {
        string version = PeerServers.PinnedVersion("server-everything");
        CliResult search = await CliRunner.RunAsync("search", "everything", "--registry-url", _registry.BaseUrl);
        Assert.True(search.ExitCode == 0, search.ToString());
        string found = search.Output.Split('\n').Single(line => line.StartsWith("io.", StringComparison.Ordinal)).Trim();
        Assert.Equal($"{Everything}@{version}", found); // the latest version only, not 2025.1.0
        Assert.Contains("runs as: npm @modelcontextprotocol/server-everything", search.Output, StringComparison.Ordinal);

        string[] commandLine = ["npx", "-y", $"@modelcontextprotocol/server-everything@{version}", "stdio"];
        string code = await ScaffoldAsync(
            [
                "--registry", found[..found.LastIndexOf('@')], "--namespace", "Registry.Everything",
                // npx resolves the package from tests/peers/node_modules; offline, so a test can never download it.
                "--working-directory", PeerServers.Directory, "--env", "npm_config_offline=true",
            ],
            expectedStart: $"{Everything}@{version} from {_registry.BaseUrl}: {string.Join(' ', commandLine)}");

        // The snapshot is server-everything's own: exactly what scaffold writes from the command line itself.
        Assert.Equal(
            Snapshot.Normalize(File.ReadAllText(Snapshot.VerifiedPath("ServerEverything"))).Replace(ScaffoldPeerTests.ScaffoldedNamespace, "Registry.Everything", StringComparison.Ordinal),
            Snapshot.Normalize(code));
        Type tools = ScaffoldCompiler.CompileAndLoad(code).GetType("Registry.Everything.IEverythingTools", throwOnError: true)!;
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Stdio(
            commandLine[0], commandLine[1..], new Dictionary<string, string?> { ["npm_config_offline"] = "true" }, PeerServers.Directory));
        object client = CreateClient(connection, tools);
        string echo = await Call<string>(tools, client, "EchoAsync", "from the registry");
        Assert.Equal("Echo: from the registry", echo);
    }

    [Fact]
    public async Task A_streamable_http_remote_scaffolds_with_its_required_header_given_as_a_flag_and_its_variables_filled_in()
    {
        string endpoint = _registry.BaseUrl[.._registry.BaseUrl.IndexOf("/private", StringComparison.Ordinal)] + "/mcp";

        string code = await ScaffoldAsync(
            ["--registry", Weather, "--header", "X-Api-Key: " + LocalRegistry.ApiKey, "--namespace", "Registry.Weather"],
            expectedStart: $"{Weather}@1.0.0 from {_registry.BaseUrl}: {endpoint}");

        Snapshot.Verify(code, "RegistryWeatherRemote");
        // The name's slash is escaped in the path, as the registry API asks.
        Assert.Contains("/private/registry/v0/servers/io.example.test%2Fweather-remote/versions/latest", _registry.RawTargets);
        Assert.True(_registry.AuthorizedMcpRequests > 0, "The remote server never saw the API key.");

        Type tools = ScaffoldCompiler.CompileAndLoad(code).GetType("Registry.Weather.IWeatherRemoteTools", throwOnError: true)!;
        await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(
            new Uri(endpoint), new McpHttpOptions { AdditionalHeaders = new Dictionary<string, string> { ["X-Api-Key"] = LocalRegistry.ApiKey } }));
        string forecast = await Call<string>(tools, CreateClient(connection, tools), "GetForecastAsync", "Oslo");
        Assert.Equal("Sunny in Oslo", forecast);
    }

    [Fact]
    public async Task A_remote_whose_required_header_is_not_given_fails_naming_the_flag_without_connecting()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--registry", Weather, "--registry-url", _registry.BaseUrl);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{Weather}@1.0.0 (streamable-http remote", result.Error, StringComparison.Ordinal);
        Assert.Contains("--header \"X-Api-Key: <value>\"   Your weather API key (secret)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Client", result.Error, StringComparison.Ordinal); // it has a value
        Assert.DoesNotContain(_registry.RawTargets, target => target.StartsWith("/mcp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_npm_entry_missing_required_environment_variables_fails_listing_each_one_not_those_with_defaults()
    {
        CliResult result = await CliRunner.RunAsync(
            "scaffold", "--registry", "io.example.test/needs-key@0.3.0", "--registry-url", _registry.BaseUrl, "--env", "NEEDS_KEY_ACCOUNT=42");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("io.example.test/needs-key@0.3.0 (npm package @example-test/needs-key@0.3.0) needs values this command line does not give:",
            result.Error, StringComparison.Ordinal);
        Assert.Contains("--env NEEDS_KEY_TOKEN=<value>   Your API token (secret)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("NEEDS_KEY_ACCOUNT", result.Error, StringComparison.Ordinal); // given
        Assert.DoesNotContain("NEEDS_KEY_REGION", result.Error, StringComparison.Ordinal); // has a default
    }

    [Fact]
    public async Task An_entry_with_only_package_types_mcpsdk_cannot_start_says_which_and_what_to_do()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--registry", "io.example.test/bundle-only", "--registry-url", _registry.BaseUrl);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("io.example.test/bundle-only@2.0.0 cannot be started from here:", result.Error, StringComparison.Ordinal);
        Assert.Contains("mcpsdk starts npm, pypi, oci and nuget packages, not 'mcpb'", result.Error, StringComparison.Ordinal);
        Assert.Contains("not 'cargo'", result.Error, StringComparison.Ordinal);
        Assert.Contains("scaffold with --stdio <command…> or --http <url>", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_registry_does_not_have_fails_pointing_at_search()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--registry", "io.example.test/nope@1.0.0", "--registry-url", _registry.BaseUrl);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"The MCP registry at {_registry.BaseUrl} has no server 'io.example.test/nope@1.0.0'", result.Error, StringComparison.Ordinal);
        Assert.Contains("mcpsdk search", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_without_matches_says_so_and_a_full_page_says_there_are_more()
    {
        CliResult none = await CliRunner.RunAsync("search", "nothing-like-this", "--registry-url", _registry.BaseUrl);
        CliResult page = await CliRunner.RunAsync("search", "example", "--limit", "1", "--registry-url", _registry.BaseUrl);

        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Contains("has 'nothing-like-this' in its name", none.Output, StringComparison.Ordinal);
        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Contains("io.example.test/bundle-only@2.0.0", page.Output, StringComparison.Ordinal);
        Assert.Contains("the registry has more", page.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_cannot_be_reached_is_named_in_the_message()
    {
        await using LocalRegistry stopped = await LocalRegistry.StartAsync();
        string url = stopped.BaseUrl;
        await stopped.DisposeAsync();

        CliResult result = await CliRunner.RunAsync("search", "everything", "--registry-url", url);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"Could not reach the MCP registry at {url}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_name_without_its_namespace_is_a_usage_error_pointing_at_search()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--registry", "weather", "--registry-url", _registry.BaseUrl);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--registry needs a server name such as io.github.user/weather", result.Error, StringComparison.Ordinal);
        Assert.Empty(_registry.RawTargets);
    }

    [Fact]
    public async Task Without_registry_url_the_MCPSDK_REGISTRY_URL_environment_variable_names_the_registry()
    {
        // Every other test passes --registry-url, so this variable reaches no one else while it is set.
        Environment.SetEnvironmentVariable("MCPSDK_REGISTRY_URL", _registry.BaseUrl);
        try
        {
            CliResult result = await CliRunner.RunAsync("search", "weather");

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"{Weather}@1.0.0", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MCPSDK_REGISTRY_URL", null);
        }
    }

    [Fact]
    public void The_npm_entry_pins_the_server_everything_version_that_tests_peers_installs()
    {
        JsonNode entry = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Registry", "Entries", "server-everything.json")))!;

        Assert.Equal(PeerServers.PinnedVersion("server-everything"), (string?)entry["packages"]![0]!["version"]);
    }

    private async Task<string> ScaffoldAsync(string[] arguments, string expectedStart)
    {
        string file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".cs");
        CliResult result = await CliRunner.RunAsync(["scaffold", "--registry-url", _registry.BaseUrl, "-o", file, .. arguments]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expectedStart, result.Error.Trim());
        return File.ReadAllText(file);
    }

    private static object CreateClient(McpConnection connection, Type tools) =>
        typeof(McpConnection).GetMethod(nameof(McpConnection.CreateClient))!.MakeGenericMethod(tools).Invoke(connection, null)!;

    private static Task<T> Call<T>(Type tools, object client, string method, string argument) =>
        (Task<T>)tools.GetMethod(method)!.Invoke(client, [argument, CancellationToken.None])!;
}
