using System.IO;
using System.Threading.Tasks;
using McpSdk.Cli.Commands;

namespace McpSdk.Cli.Tests;

/// <summary>Runs the <c>mcpsdk</c> command line in this process, capturing what it prints.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await CliApplication.RunAsync(args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>An exit code and the two streams.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
