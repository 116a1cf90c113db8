using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Cli.Registry;
using McpSdk.Cli.Registry.Model;
using McpSdk.Cli.Servers;

namespace McpSdk.Cli.Commands;

/// <summary>The options that choose a server, shared by every command that connects to one.</summary>
internal sealed class ServerOptions
{
    public Option<string[]> Stdio { get; } = new("--stdio")
    {
        Description = "Start the server as a child process: the program and its arguments (e.g. --stdio node server.js). " +
            "Put other options before --stdio, or end the server's arguments with another mcpsdk option.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = true,
        HelpName = "command…",
    };

    public Option<string?> Http { get; } = new("--http")
    {
        Description = "Connect to the server's Streamable HTTP (or SSE) endpoint, e.g. http://localhost:3001/mcp.",
        HelpName = "url",
    };

    public Option<string?> Registry { get; } = new("--registry")
    {
        Description = "Start or reach the server as its MCP Registry entry says (an npm package through npx, a streamable-http " +
            "remote, …), e.g. --registry io.github.user/weather@1.2.0; without @version, the latest.",
        HelpName = "name[@version]",
    };

    public Option<string> RegistryUrl { get; } = RegistryUrlOption.Create();

    public Option<DirectoryInfo?> WorkingDirectory { get; } = new("--working-directory")
    {
        Description = "The directory a --stdio (or registry package) server starts in; npx uses the packages installed there.",
        HelpName = "directory",
    };

    public Option<string[]> Headers { get; } = new("--header")
    {
        Description = "An HTTP header for --http or a registry remote, as 'Name: value' (repeatable), e.g. an Authorization header.",
        HelpName = "header",
    };

    public Option<string[]> Environment { get; } = new("--env")
    {
        Description = "An environment variable for --stdio or a registry package, as NAME=value (repeatable).",
        HelpName = "variable",
    };

    public Option<string[]> Capabilities { get; } = new("--capabilities")
    {
        Description = "Client capabilities to declare, so that a server that lists some tools only to clients with them lists " +
            "those too: elicitation, sampling, roots (comma-separated). The tool only lists tools; it declines any such request.",
        HelpName = "elicitation,sampling,roots",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> TimeoutSeconds { get; } = new("--timeout")
    {
        Description = "Seconds to wait for the server to start and list its tools.",
        DefaultValueFactory = _ => 60,
        HelpName = "seconds",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Stdio);
        command.Options.Add(Http);
        command.Options.Add(Registry);
        command.Options.Add(RegistryUrl);
        command.Options.Add(WorkingDirectory);
        command.Options.Add(Headers);
        command.Options.Add(Environment);
        command.Options.Add(Capabilities);
        command.Options.Add(TimeoutSeconds);
        command.Validators.Add(Validate);
        TimeoutSeconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });
    }

    private void Validate(CommandResult result)
    {
        bool stdio = result.GetResult(Stdio) is not null;
        bool http = result.GetResult(Http) is not null;
        bool registry = result.GetResult(Registry) is not null;
        if ((stdio ? 1 : 0) + (http ? 1 : 0) + (registry ? 1 : 0) != 1)
        {
            result.AddError("Give the server with exactly one of --stdio <command…>, --http <url> or --registry <name[@version]>.");
            return;
        }

        if (registry && RegistryReference.TryParse(result.GetValue(Registry) ?? string.Empty) is null)
        {
            result.AddError($"--registry needs a server name such as io.github.user/weather, optionally with @version; got '{result.GetValue(Registry)}'. " +
                "Find names with 'mcpsdk search <text>'.");
        }

        if (http)
        {
            string? url = result.GetValue(Http);
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--http needs an absolute http or https URL; got '{url}'.");
            }
        }

        foreach (string header in result.GetValue(Headers) ?? [])
        {
            if (header.IndexOf(':', StringComparison.Ordinal) <= 0)
            {
                result.AddError($"--header needs 'Name: value'; got '{header}'.");
            }
        }

        foreach (string variable in result.GetValue(Environment) ?? [])
        {
            if (variable.IndexOf('=', StringComparison.Ordinal) <= 0)
            {
                result.AddError($"--env needs NAME=value; got '{variable}'.");
            }
        }

        foreach (string capability in Split(result.GetValue(Capabilities)))
        {
            if (!ClientCapabilityNames.Contains(capability))
            {
                result.AddError($"--capabilities takes {string.Join(", ", ClientCapabilityNames)}; got '{capability}'.");
            }
        }

    }

    /// <summary>The server the parsed options name (they were validated); a registry entry is read and planned first.</summary>
    /// <exception cref="RegistryException">The registry entry could not be read or cannot be started here.</exception>
    public async Task<ServerTarget> ResolveAsync(ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (string variable in parse.GetValue(Environment) ?? [])
        {
            int equals = variable.IndexOf('=', StringComparison.Ordinal);
            environment[variable[..equals]] = variable[(equals + 1)..];
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string header in parse.GetValue(Headers) ?? [])
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
        }

        string? workingDirectory = parse.GetValue(WorkingDirectory)?.FullName;
        if (parse.GetValue(Stdio) is { Length: > 0 } commandLine)
        {
            return ServerTarget.Stdio(commandLine, environment, workingDirectory);
        }

        if (parse.GetValue(Http) is { } url)
        {
            return ServerTarget.Http(new Uri(url), headers);
        }

        RegistryReference reference = RegistryReference.TryParse(parse.GetValue(Registry)!)!;
        RegistryUrlOption.TryRead(parse.GetValue(RegistryUrl), out Uri registryUrl);
        await using var registry = new RegistryClient(registryUrl);
        ServerJson server = await registry.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        ServerTarget target = RegistryLaunchPlanner.ForThisMachine.Plan(server, new LaunchInputs(environment, headers, workingDirectory));

        // Standard output may carry the scaffolded code: what the entry turned into goes to standard error.
        await error.WriteLineAsync($"{server.Name}@{server.Version} from {registryUrl}: {target.Description}").ConfigureAwait(false);
        return target;
    }

    public TimeSpan Timeout(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(TimeoutSeconds));

    /// <summary>The client capabilities <c>--capabilities</c> can declare.</summary>
    private static readonly string[] ClientCapabilityNames = ["elicitation", "sampling", "roots"];

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// Connects to the server the options name and lists its tools within <c>--timeout</c> (reading its registry entry
    /// first, for <c>--registry</c>); on failure writes why to <paramref name="error"/> and returns <see langword="null"/>
    /// (the command then exits with <see cref="ExitCodes.Error"/>).
    /// </summary>
    public async Task<(ServerTarget Target, ServerCatalog Catalog)?> ReadCatalogAsync(ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout(parse));
        ServerTarget? target = null;
        try
        {
            target = await ResolveAsync(parse, error, timeout.Token).ConfigureAwait(false);
            var capabilities = new HashSet<string>(Split(parse.GetValue(Capabilities)), StringComparer.Ordinal);
            return (target, await ServerCatalog.ReadAsync(target, capabilities, timeout.Token).ConfigureAwait(false));
        }
        catch (Exception failure) when (failure is ServerUnavailableException or RegistryException)
        {
            await error.WriteLineAsync(failure.Message).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            string what = target is null ? $"The registry entry '{parse.GetValue(Registry)}' was not read" : $"'{target.Description}' did not list its tools";
            await error.WriteLineAsync($"{what} within {Timeout(parse).TotalSeconds:0} s (--timeout).").ConfigureAwait(false);
            return null;
        }
    }
}
