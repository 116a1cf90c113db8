using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using McpSdk.Cli.Registry;
using McpSdk.Cli.Registry.Model;

namespace McpSdk.Cli.Commands;

/// <summary><c>mcpsdk search</c>: lists the MCP Registry's servers whose names contain some text.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("text") { Description = "Text the server names contain, e.g. filesystem." };
        var registryUrl = RegistryUrlOption.Create();
        var limit = new Option<int>("--limit")
        {
            Description = "The most servers to list.",
            DefaultValueFactory = _ => 30,
            HelpName = "count",
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100)
            {
                result.AddError("--limit must be between 1 and 100.");
            }
        });

        var command = new Command(
            "search",
            "List the MCP Registry's servers whose names contain <text>: name, latest version, description and how each runs. " +
            "Scaffold one with 'mcpsdk scaffold --registry <name>'.");
        command.Arguments.Add(text);
        command.Options.Add(registryUrl);
        command.Options.Add(limit);

        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            RegistryUrlOption.TryRead(parse.GetValue(registryUrl), out Uri url);
            string query = parse.GetValue(text)!;
            IReadOnlyList<RegistryServerResponse> servers;
            bool more;
            try
            {
                await using var registry = new RegistryClient(url);
                (servers, more) = await registry.SearchAsync(query, parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException failure)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(failure.Message).ConfigureAwait(false);
                return ExitCodes.Error;
            }

            if (servers.Count == 0)
            {
                await output.WriteLineAsync($"No server in {url} has '{query}' in its name.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (ServerJson server in servers.Select(s => s.Server))
            {
                await output.WriteLineAsync($"{server.Name}@{server.Version}").ConfigureAwait(false);
                if (!string.IsNullOrWhiteSpace(server.Description))
                {
                    await output.WriteLineAsync("    " + server.Description.Trim()).ConfigureAwait(false);
                }

                await output.WriteLineAsync("    runs as: " + RegistryLaunchPlanner.Summary(server)).ConfigureAwait(false);
            }

            await output.WriteLineAsync(more
                ? $"{servers.Count} servers shown; the registry has more (raise --limit, or search for longer text)."
                : $"{servers.Count} server(s). Scaffold one with: mcpsdk scaffold --registry <name>").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
