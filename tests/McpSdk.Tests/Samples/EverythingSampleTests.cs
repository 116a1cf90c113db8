using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using Xunit;

namespace McpSdk.Tests.Samples;

/// <summary>The README's sample command, run as a user runs it: a separate process, output read from stdout.</summary>
public sealed class EverythingSampleTests
{
    [Fact]
    public async Task Sample_prints_echo_sum_weather_and_progress_from_the_embedded_server()
    {
        string output = await RunSampleAsync();

        AssertPrintsEveryResult(output);
        Assert.Contains("embedded server-everything", output);
    }

    [Fact]
    public async Task Sample_prints_the_same_from_the_real_server_everything_over_stdio()
    {
        string script = Path.Combine(PeerServers.RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        PeerServers.ServerEverythingStdio(); // Fails with a clear message when the peer is not installed.

        string output = await RunSampleAsync("--stdio", "node", script, "stdio");

        AssertPrintsEveryResult(output);
        Assert.Contains("stdio:node", output);
    }

    [Fact]
    public async Task On_a_terminal_the_sample_draws_a_live_progress_bar_and_a_bordered_table()
    {
        Assert.True(File.Exists("/usr/bin/script"), "The terminal test runs the sample under util-linux 'script' for a pseudo-terminal.");

        // 'script' gives the sample a pseudo-terminal of 120 columns; its output comes back with the escape codes.
        string output = await RunSampleAsync("script", ["-qec", $"stty cols 120; dotnet '{SamplePath()}'", "/dev/null"]);
        string text = Regex.Replace(output, @"\x1b\[[0-9;?]*[A-Za-z]", string.Empty);

        Assert.Contains("trigger-long-running-operation", text);
        Assert.Contains("100%", text);
        Assert.DoesNotContain("progress 1/3", text);
        Assert.Contains("Long running operation completed.", text);
        Assert.Contains("McpConnectionStats", text);
        Assert.Matches(@"(?m)^│ \(total\)\s+│\s+4 │\s+4 │\s+0 │", text);
        Assert.Contains("sessions: 1 live, 1 started, 0 faulted, 0 replaced", text);
    }

    private static void AssertPrintsEveryResult(string output)
    {
        Assert.Contains("Echo: Hello from McpSdk", output);
        Assert.Contains("The sum of 1 and 2 is 3.", output);
        Assert.Contains("Weather { Temperature = 36, Conditions = Light rain / drizzle, Humidity = 82 }", output);
        Assert.Contains("progress 3/3", output);
        Assert.Contains("Long running operation completed.", output);
        Assert.Matches(@"(?m)^\(total\)\s+4\s+4\s+0\s+0\s+0\s", output);
        Assert.Contains("sessions: 1 live, 1 started, 0 faulted, 0 replaced", output);
    }

    private static Task<string> RunSampleAsync(params string[] arguments) => RunSampleAsync("dotnet", [SamplePath(), .. arguments]);

    private static string SamplePath() => BuiltProgram.PathOf(Path.Combine("samples", "Everything"), "Everything.dll");

    private static async Task<string> RunSampleAsync(string program, string[] arguments)
    {
        (int exitCode, string output, string errors) = await BuiltProgram.RunProcessAsync(program, arguments, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"The sample exited with {exitCode}.\nstdout:\n{output}\nstderr:\n{errors}");
        return output;
    }
}
