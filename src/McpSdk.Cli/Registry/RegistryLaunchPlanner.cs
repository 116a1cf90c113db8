using System;
using System.Collections.Generic;
using System.Linq;
using McpSdk.Cli.Registry.Model;
using McpSdk.Cli.Servers;

namespace McpSdk.Cli.Registry;

/// <summary>
/// Turns a registry entry into the server <c>scaffold</c> talks to, as <c>--stdio</c> or <c>--http</c> would name it:
/// the first package that can start here (npm through <c>npx -y name@version</c>, pypi through <c>uvx</c>, oci through
/// <c>docker run</c>, nuget through <c>dnx</c>), else the first remote (streamable-http, then sse). Values the entry
/// leaves to the user come from <c>--env</c> and <c>--header</c>; a required one without a value fails with the list.
/// </summary>
internal sealed class RegistryLaunchPlanner(Func<string, bool> isOnPath)
{
    public static RegistryLaunchPlanner ForThisMachine { get; } = new(ProgramLocator.IsOnPath);

    /// <summary>How <paramref name="server"/> can run, for listings: its packages and remotes, e.g. <c>npm @scope/name · streamable-http</c>.</summary>
    public static string Summary(ServerJson server)
    {
        IEnumerable<string> ways = server.Packages.Select(p => $"{p.RegistryType} {p.Identifier}")
            .Concat(server.Remotes.Select(r => $"{r.Type} remote"));
        return string.Join(" · ", ways.DefaultIfEmpty("(no packages or remotes)"));
    }

    /// <summary>The server to start or reach for <paramref name="server"/>.</summary>
    /// <exception cref="RegistryException">No package or remote can be used here, or required values are missing; the message lists them.</exception>
    public ServerTarget Plan(ServerJson server, LaunchInputs inputs)
    {
        string entry = $"{server.Name}@{server.Version}";
        var notHere = new List<string>();
        foreach (RegistryPackage package in server.Packages)
        {
            if (NotRunnable(package) is { } reason)
            {
                notHere.Add(reason);
                continue;
            }

            return PlanPackage(entry, package, inputs);
        }

        foreach (RegistryTransport remote in server.Remotes.OrderBy(r => r.Type == "streamable-http" ? 0 : 1))
        {
            if (remote.Type is not ("streamable-http" or "sse"))
            {
                notHere.Add($"remote of type '{remote.Type}': mcpsdk connects to streamable-http and sse remotes only");
                continue;
            }

            return PlanRemote(entry, remote, inputs);
        }

        if (notHere.Count == 0)
        {
            throw new RegistryException($"{entry} lists no packages and no remotes, so there is nothing to start or connect to. " +
                "Start the server as its documentation says and scaffold with --stdio <command…> or --http <url>.");
        }

        throw new RegistryException($"{entry} cannot be started from here:\n  - " + string.Join("\n  - ", notHere) +
            "\nInstall what is missing, or start the server yourself and scaffold with --stdio <command…> or --http <url>.");
    }

    private string? NotRunnable(RegistryPackage package)
    {
        string what = $"{package.RegistryType} package {package.Identifier}";
        if (package.Transport.Type != "stdio")
        {
            return $"{what} serves {package.Transport.Type} itself: start it, then scaffold with --http <its url>";
        }

        if (Runtime(package.RegistryType) is not { } runtime)
        {
            return $"{what}: mcpsdk starts npm, pypi, oci and nuget packages, not '{package.RegistryType}'";
        }

        return isOnPath(runtime.Program) ? null : $"{what} needs '{runtime.Program}' on PATH ({runtime.Install})";
    }

    private static (string Program, string Install)? Runtime(string registryType) => registryType switch
    {
        "npm" => ("npx", "it comes with Node.js: https://nodejs.org"),
        "pypi" => ("uvx", "install uv: https://docs.astral.sh/uv/"),
        "oci" => ("docker", "install Docker: https://docs.docker.com/get-docker/"),
        "nuget" => ("dnx", "it comes with the .NET 10 SDK: https://dot.net"),
        _ => null,
    };

    private static ServerTarget PlanPackage(string entry, RegistryPackage package, LaunchInputs inputs)
    {
        var missing = new List<string>();
        Dictionary<string, string?> environment = Fill(
            package.EnvironmentVariables, inputs.Environment, StringComparer.Ordinal, name => $"--env {name}=<value>", missing);

        List<string> runtimeArguments = Arguments(package.RuntimeArguments, missing);
        List<string> packageArguments = Arguments(package.PackageArguments, missing);
        string versioned = package.Version is { } version ? $"{package.Identifier}@{version}" : package.Identifier;
        string[] commandLine = package.RegistryType switch
        {
            "npm" => ["npx", .. runtimeArguments, "-y", versioned, .. packageArguments],
            "pypi" => ["uvx", .. runtimeArguments, package.Version is { } pyVersion ? $"{package.Identifier}=={pyVersion}" : package.Identifier, .. packageArguments],
            // The container sees only the variables named with -e; docker passes each one's value from its own environment.
            "oci" => ["docker", "run", "-i", "--rm", .. runtimeArguments, .. environment.Keys.SelectMany(name => new[] { "-e", name }), Image(package), .. packageArguments],
            "nuget" => ["dnx", .. runtimeArguments, versioned, "--yes", .. packageArguments.Count == 0 ? Array.Empty<string>() : ["--", .. packageArguments]],
            _ => throw new InvalidOperationException($"No command line for registry type '{package.RegistryType}'."),
        };

        if (missing.Count > 0)
        {
            throw Missing(entry, $"{package.RegistryType} package {versioned}", missing);
        }

        return ServerTarget.Stdio(commandLine, environment, inputs.WorkingDirectory);
    }

    private static ServerTarget PlanRemote(string entry, RegistryTransport remote, LaunchInputs inputs)
    {
        var missing = new List<string>();
        var unresolvedUrl = new List<string>();
        string url = InputValue.Resolve(new RegistryInput { Value = remote.Url, Variables = remote.Variables }, unresolvedUrl) ?? string.Empty;
        foreach (string variable in unresolvedUrl)
        {
            missing.Add($"URL variable {{{variable}}} in {remote.Url}: give the whole URL with --http <url> instead of --registry");
        }

        Dictionary<string, string?> headers = Fill(
            remote.Headers, inputs.Headers.ToDictionary(p => p.Key, p => (string?)p.Value), StringComparer.OrdinalIgnoreCase,
            name => $"--header \"{name}: <value>\"", missing);

        if (missing.Count > 0)
        {
            throw Missing(entry, $"{remote.Type} remote {remote.Url}", missing);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new RegistryException($"{entry}: its {remote.Type} remote URL '{url}' is not an absolute http or https URL. " +
                "Give the server's URL with --http <url> instead of --registry.");
        }

        return ServerTarget.Http(endpoint, headers.ToDictionary(p => p.Key, p => p.Value ?? string.Empty, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The given values (all of them: the user asked for each), then each declared input nobody gave, from its value or
    /// default; a required one with neither goes to <paramref name="missing"/> as the flag that would give it.
    /// </summary>
    private static Dictionary<string, string?> Fill(
        IReadOnlyList<RegistryInput> declared,
        IReadOnlyDictionary<string, string?> given,
        StringComparer names,
        Func<string, string> flag,
        List<string> missing)
    {
        var values = new Dictionary<string, string?>(given, names);
        foreach (RegistryInput input in declared)
        {
            if (input.Name is not { } name || values.ContainsKey(name))
            {
                continue;
            }

            var unresolved = new List<string>();
            string? value = InputValue.Resolve(input, unresolved);
            if (value is not null && unresolved.Count == 0)
            {
                values[name] = value;
            }
            else if (input.IsRequired)
            {
                missing.Add(flag(name) + Described(input));
            }
        }

        return values;
    }

    private static List<string> Arguments(IReadOnlyList<RegistryArgument> arguments, List<string> missing)
    {
        var line = new List<string>();
        foreach (RegistryArgument argument in arguments)
        {
            var unresolved = new List<string>();
            string? value = InputValue.Resolve(argument, unresolved);
            bool named = argument.Type == "named";
            if (value is null || unresolved.Count > 0)
            {
                if (argument.IsRequired)
                {
                    string label = named ? $"{argument.Name} <value>" : $"<{argument.ValueHint ?? "value"}>";
                    missing.Add($"argument {label}{Described(argument)}: arguments cannot be given with --registry; " +
                        "start the server with --stdio and the whole command line instead");
                }

                continue;
            }

            if (named && argument.Name is { } flag)
            {
                line.Add(flag);
            }

            line.Add(value);
        }

        return line;
    }

    private static string Image(RegistryPackage package)
    {
        // Newer entries carry the tag in the identifier; older ones give it as the version.
        string lastPart = package.Identifier[(package.Identifier.LastIndexOf('/') + 1)..];
        return package.Version is { } tag && !lastPart.Contains(':', StringComparison.Ordinal) ? $"{package.Identifier}:{tag}" : package.Identifier;
    }

    private static string Described(RegistryInput input) =>
        (input.Description, input.IsSecret) switch
        {
            (null, false) => string.Empty,
            (null, true) => "   (secret)",
            ({ } text, false) => "   " + text,
            ({ } text, true) => $"   {text} (secret)",
        };

    private static RegistryException Missing(string entry, string how, List<string> missing) => new(
        $"{entry} ({how}) needs values this command line does not give:\n  " + string.Join("\n  ", missing) +
        "\nAdd them and run the command again.");
}
