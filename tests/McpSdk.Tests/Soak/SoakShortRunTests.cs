using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Soak;

/// <summary>
/// The soak command (tests/McpSdk.Soak) in a short run, as CI can afford: its own process, so that its memory samples
/// see only its own calls. It exits 0 only if the accounting adds up (over every connection it opened), no call hangs,
/// every failure is documented, the pool recovers and memory stays flat (docs/RELIABILITY.md, "Soak").
/// </summary>
public sealed class SoakShortRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_short_soak_with_faults_and_cancellations_keeps_every_invariant()
    {
        // 20,000 calls, or 30 s if the machine is busier than that allows; 2% faults so that a short run meets each kind;
        // a new connection every 5 s, the old one disposed under load.
        // Allowed time: 30 s of calls, the drain (at most 5 s deadline + 5 s margin), the recovery check (at most 10 s), start-up.
        (int exitCode, string stdout, string stderr) = await BuiltProgram.RunAsync(
            Path.Combine("tests", "McpSdk.Soak"), "McpSdk.Soak.dll", TimeSpan.FromSeconds(90),
            "--calls", "20000", "--duration", "30s", "--fault-rate", "0.02", "--reopen-every", "5s", "--seed", "1");
        output.WriteLine(stdout);

        Assert.True(exitCode == 0, $"The soak exited with {exitCode}:\n{stdout}\nstderr:\n{stderr}");
        Match invariant = Regex.Match(stdout, @"Invariant: submitted (\d+) = succeeded (\d+) \+ failed (\d+) \+ cancelled (\d+) \((\d+)\): held");
        Assert.True(invariant.Success, "The soak printed no held invariant.");
        Assert.Equal(invariant.Groups[1].Value, invariant.Groups[5].Value);
        Assert.Matches(@"faults injected: [1-9]\d*", stdout);
        Assert.Contains("PASS", stdout, StringComparison.Ordinal);
    }
}
