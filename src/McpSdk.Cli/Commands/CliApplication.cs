using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Cli.Commands;

/// <summary>The <c>mcpsdk</c> command line: parses, then runs one command.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "mcpsdk: typed MCP clients for McpSdk. Scaffold an [McpClient] interface from a running server or an MCP Registry entry, " +
            "check one for drift, or search the registry.");
        root.Subcommands.Add(ScaffoldCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        return root;
    }

    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ParseResult parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit with 1, which 'check' uses for drift: a usage error is 2.
            foreach (ParseError parseError in parse.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'mcpsdk --help' or 'mcpsdk <command> --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
