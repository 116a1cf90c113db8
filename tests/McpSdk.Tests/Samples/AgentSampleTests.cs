using System;
using System.IO;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using Xunit;

namespace McpSdk.Tests.Samples;

/// <summary>The Agent sample run as a user runs it (<c>dotnet run --project samples/Agent</c>): a process, stdout read.</summary>
public sealed class AgentSampleTests
{
    [Fact]
    public async Task Sample_prints_the_calls_the_answer_and_statistics_with_at_most_two_jobs_at_once()
    {
        string sample = BuiltProgram.PathOf(Path.Combine("samples", "Agent"), "Agent.dll");
        (int exitCode, string output, string errors) = await BuiltProgram.RunProcessAsync("dotnet", [sample], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"The sample exited with {exitCode}.\nstdout:\n{output}\nstderr:\n{errors}");
        Assert.Contains("model: 3 tools offered; asking for 9 calls at once", output);
        Assert.Contains("call-4 get-sum {\"a\":1,\"b\":2}", output);
        Assert.Contains("call-1 {\"temperature\":36,\"conditions\":\"Light rain / drizzle\",\"humidity\":82}", output);
        Assert.Contains("answer: Chicago, New York, Los Angeles: 36° and Light rain / drizzle; 33° and Cloudy; 73° and Sunny / Clear. The sum of 1 and 2 is 3. 5 jobs done.", output);
        Assert.Matches(@"(?m)^trigger-long-running-operation\s+5\s+5\s+0\s*$", output);
        Assert.Matches(@"(?m)^get-structured-content\s+3\s+3\s+0\s*$", output);
        Assert.Matches(@"at most [12] ran at once on the server", output);
    }
}
