using System;
using System.IO;
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

    private static async Task<string> RunSampleAsync(params string[] arguments)
    {
        (int exitCode, string output, string errors) = await BuiltProgram.RunAsync(Path.Combine("samples", "Everything"), "Everything.dll", TimeSpan.FromSeconds(60), arguments);
        Assert.True(exitCode == 0, $"The sample exited with {exitCode}.\nstdout:\n{output}\nstderr:\n{errors}");
        return output;
    }
}
