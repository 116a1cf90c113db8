using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// <c>mcpsdk scaffold</c> against the real reference servers over stdio: the file matches its baseline and compiles,
/// with the McpSdk generator's proxy, without a single warning.
/// </summary>
public sealed class ScaffoldPeerTests : IDisposable
{
    /// <summary>The namespace of the one scaffolded file compiled into this assembly (Scaffolded/IEverythingTools.cs).</summary>
    public const string ScaffoldedNamespace = "McpSdk.Cli.Tests.Scaffolded";

    private readonly string _directory = Directory.CreateTempSubdirectory("mcpsdk-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Server_everything_scaffolds_to_its_baseline_and_the_file_compiled_into_the_tests_is_that_baseline()
    {
        string code = await ScaffoldAsync(["--namespace", ScaffoldedNamespace, "--stdio", .. PeerServers.Everything()]);

        Snapshot.Verify(code, "ServerEverything");
        string compiledCopy = Path.Combine(Snapshot.ProjectDirectory(), "Scaffolded", "IEverythingTools.cs");
        if (Snapshot.Updating)
        {
            File.WriteAllText(compiledCopy, Snapshot.Normalize(code));
        }

        Assert.Equal(Snapshot.Normalize(code), Snapshot.Normalize(File.ReadAllText(compiledCopy)));
    }

    [Fact]
    public async Task Server_everything_scaffold_compiles_with_the_generator_without_warnings()
    {
        string code = await ScaffoldAsync(["--stdio", .. PeerServers.Everything()]);

        ScaffoldCompiler.AssertCompilesCleanly(code);
    }

    [Fact]
    public async Task Server_memory_scaffolds_to_its_baseline_and_compiles_without_warnings()
    {
        string code = await ScaffoldAsync(
            ["--namespace", "Scaffolded.Memory", "--env", "MEMORY_FILE_PATH=" + Path.Combine(_directory, "memory.jsonl"), "--stdio", .. PeerServers.Memory()]);

        Snapshot.Verify(code, "ServerMemory");
        ScaffoldCompiler.AssertCompilesCleanly(code);
    }

    [Fact]
    public async Task Server_filesystem_scaffolds_to_its_baseline_and_compiles_without_warnings()
    {
        string allowed = Directory.CreateDirectory(Path.Combine(_directory, "allowed")).FullName;

        string code = await ScaffoldAsync(["--namespace", "Scaffolded.Filesystem", "--stdio", .. PeerServers.Filesystem(allowed)]);

        Snapshot.Verify(code, "ServerFilesystem");
        ScaffoldCompiler.AssertCompilesCleanly(code);
    }

    [Fact]
    public async Task Without_an_output_file_the_code_goes_to_standard_output()
    {
        CliResult result = await CliRunner.RunAsync(["scaffold", "--interface", "IReference", "--stdio", .. PeerServers.Everything()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("public interface IReference", result.Output, StringComparison.Ordinal);
        Assert.Contains("namespace McpClients;", result.Output, StringComparison.Ordinal);
    }

    private async Task<string> ScaffoldAsync(string[] arguments)
    {
        string file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".cs");
        CliResult result = await CliRunner.RunAsync(["scaffold", "-o", file, .. arguments]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(file, result.Output, StringComparison.Ordinal);
        return File.ReadAllText(file);
    }
}
