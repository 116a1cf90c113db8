using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Cli.Scaffolding;
using McpSdk.Cli.Scaffolding.Model;
using McpSdk.Cli.Servers;

namespace McpSdk.Cli.Commands;

/// <summary><c>mcpsdk scaffold</c>: writes an <c>[McpClient]</c> interface for a server's tools.</summary>
internal static class ScaffoldCommand
{
    public const string DefaultNamespace = "McpClients";

    public static Command Create()
    {
        var server = new ServerOptions();
        var @namespace = new Option<string>("--namespace", "-n")
        {
            Description = "The namespace of the generated code.",
            DefaultValueFactory = _ => DefaultNamespace,
        };
        var interfaceName = new Option<string?>("--interface", "-i")
        {
            Description = "The interface's name (default: from the server's name, e.g. IEverythingTools).",
            HelpName = "IName",
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "The file to write (default: standard output).",
            HelpName = "File.cs",
        };

        var rawResults = new Option<bool>("--raw-results")
        {
            Description = "Tools without an output schema return CallToolResult (every content block) instead of string (the text).",
        };

        var command = new Command("scaffold", "Connect to an MCP server (a command, a URL or an MCP Registry entry), list its tools and write a C# [McpClient] interface for them.");
        server.AddTo(command);
        command.Options.Add(@namespace);
        command.Options.Add(interfaceName);
        command.Options.Add(output);
        command.Options.Add(rawResults);
        command.Validators.Add(result =>
        {
            if (result.GetValue(@namespace) is { } ns && !Identifiers.IsQualifiedName(ns))
            {
                result.AddError($"--namespace '{ns}' is not a valid C# namespace.");
            }

            if (result.GetValue(interfaceName) is { } name && (!Identifiers.IsIdentifier(name) || Identifiers.Escape(name) != name))
            {
                result.AddError($"--interface '{name}' is not a valid C# identifier.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            if (await server.ReadCatalogAsync(parse, error, cancellationToken).ConfigureAwait(false) is not (_, var catalog))
            {
                return ExitCodes.Error;
            }

            string name = parse.GetValue(interfaceName) ?? ClientScaffolder.DefaultInterfaceName(catalog.ServerInfo);
            ClientDeclaration client = ClientScaffolder.Build(
                catalog.ServerInfo, catalog.Tools, parse.GetValue(@namespace)!, name, parse.GetValue(rawResults), catalog.TaskSupport);
            string code = ClientWriter.Write(client);

            if (parse.GetValue(output) is not { } file)
            {
                await parse.InvocationConfiguration.Output.WriteAsync(code).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            try
            {
                file.Directory?.Create();
                await File.WriteAllTextAsync(file.FullName, code, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"Could not write '{file.FullName}': {failure.Message}").ConfigureAwait(false);
                return ExitCodes.Error;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Wrote {client.Namespace}.{client.InterfaceName} ({client.Methods.Count} tools, {client.Records.Count} records, " +
                $"{client.Enums.Count} enums) to {file.FullName}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
