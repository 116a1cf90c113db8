using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Cli.Checking;
using McpSdk.Cli.Servers;
using McpSdk.Invocation;
using McpSdk.Validation;

namespace McpSdk.Cli.Commands;

/// <summary><c>mcpsdk check</c>: compares a compiled <c>[McpClient]</c> interface with the server's tools.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var server = new ServerOptions();
        var assembly = new Option<FileInfo>("--assembly", "-a")
        {
            Description = "The compiled assembly (.dll) that declares the interface.",
            Required = true,
            HelpName = "path.dll",
        };
        var interfaceName = new Option<string>("--interface", "-i")
        {
            Description = "The interface's full name, e.g. MyApp.Tools.IEverythingTools.",
            Required = true,
            HelpName = "FullName",
        };

        var command = new Command(
            "check",
            "Compare an [McpClient] interface's tools, argument names and argument types with the server's tools/list; exit code 1 on drift.");
        server.AddTo(command);
        command.Options.Add(assembly);
        command.Options.Add(interfaceName);

        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            string name = parse.GetValue(interfaceName)!;
            IReadOnlyList<ToolMethod> declared;
            try
            {
                declared = CompiledInterfaceReader.Read(parse.GetValue(assembly)!.FullName, name);
            }
            catch (CheckSetupException failure)
            {
                await error.WriteLineAsync(failure.Message).ConfigureAwait(false);
                return ExitCodes.Error;
            }

            if (await server.ReadCatalogAsync(parse, error, cancellationToken).ConfigureAwait(false) is not (var target, var catalog))
            {
                return ExitCodes.Error;
            }

            ToolDriftReport report = ToolDriftComparer.Compare(declared, catalog.Tools);
            foreach (McpToolDrift drift in report.Drift)
            {
                await output.WriteLineAsync("drift: " + drift.Description).ConfigureAwait(false);
            }

            foreach (string line in report.Notes)
            {
                await output.WriteLineAsync("note: " + line).ConfigureAwait(false);
            }

            foreach (string line in TaskToolNotes.Describe(declared, catalog.TaskSupport))
            {
                await output.WriteLineAsync("info: " + line).ConfigureAwait(false);
            }

            await output.WriteLineAsync(report.HasDrift
                ? $"{name}: {report.Drift.Count} drift problem(s) against '{target.Description}'."
                : $"{name}: no drift; {report.MatchedTools} of {declared.Count} declared tool method(s) match '{target.Description}'.").ConfigureAwait(false);
            return report.HasDrift ? ExitCodes.Drift : ExitCodes.Success;
        });
        return command;
    }
}
