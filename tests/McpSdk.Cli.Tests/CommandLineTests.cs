using System;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>Parsing and usage errors: exit code 2, never 1 (which <c>check</c> keeps for drift).</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Scaffold_without_a_server_is_a_usage_error()
    {
        CliResult result = await CliRunner.RunAsync("scaffold");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exactly one of --stdio", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scaffold_with_both_stdio_and_http_is_a_usage_error()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--stdio", "node", "x.js", "--http", "http://127.0.0.1:1/mcp");

        Assert.Equal(2, result.ExitCode);
    }

    [Theory]
    [InlineData("--namespace", "Not A.Namespace")]
    [InlineData("--namespace", "class.Tools")]
    [InlineData("--interface", "string")]
    [InlineData("--interface", "I-Tools")]
    public async Task Scaffold_rejects_names_that_are_not_identifiers(string option, string value)
    {
        CliResult result = await CliRunner.RunAsync("scaffold", option, value, "--stdio", "node", "x.js");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(value, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_exits_at_start_is_an_error_with_its_standard_error()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--stdio", "node", "-e", "console.error('no tools here'); process.exit(3)");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no tools here", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_an_error()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--stdio", "mcpsdk-no-such-program-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Could not list the tools", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_arguments_that_look_like_options_belong_to_the_server()
    {
        string[] everything = PeerServers.Everything();

        // node's own option between the program and the script, then mcpsdk's options again.
        CliResult result = await CliRunner.RunAsync(
            ["scaffold", "--stdio", everything[0], "--no-warnings", .. everything[1..], "--interface", "IFromOptions"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("public interface IFromOptions", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_http_server_is_an_error()
    {
        CliResult result = await CliRunner.RunAsync("scaffold", "--http", "http://127.0.0.1:1/mcp", "--timeout", "20");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("127.0.0.1:1", result.Error, StringComparison.Ordinal);
    }
}
