using System.Threading.Tasks;
using System.Threading;
using System.IO;
using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
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

    public Option<string[]> Headers { get; } = new("--header")
    {
        Description = "An HTTP header for --http, as 'Name: value' (repeatable), e.g. an Authorization header.",
        HelpName = "header",
    };

    public Option<string[]> Environment { get; } = new("--env")
    {
        Description = "An environment variable for --stdio, as NAME=value (repeatable).",
        HelpName = "variable",
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
        command.Options.Add(Headers);
        command.Options.Add(Environment);
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
        if (stdio == http)
        {
            result.AddError("Give the server with exactly one of --stdio <command…> or --http <url>.");
            return;
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

    }

    /// <summary>The server the parsed options name (they were validated).</summary>
    public ServerTarget Target(ParseResult parse)
    {
        if (parse.GetValue(Stdio) is { Length: > 0 } commandLine)
        {
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (string variable in parse.GetValue(Environment) ?? [])
            {
                int equals = variable.IndexOf('=', StringComparison.Ordinal);
                environment[variable[..equals]] = variable[(equals + 1)..];
            }

            return ServerTarget.Stdio(commandLine, environment);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string header in parse.GetValue(Headers) ?? [])
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
        }

        return ServerTarget.Http(new Uri(parse.GetValue(Http)!), headers);
    }

    public TimeSpan Timeout(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(TimeoutSeconds));

    /// <summary>
    /// Connects to the server the options name and lists its tools within <c>--timeout</c>; on failure writes why to
    /// <paramref name="error"/> and returns <see langword="null"/> (the command then exits with <see cref="ExitCodes.Error"/>).
    /// </summary>
    public async Task<ServerCatalog?> ReadCatalogAsync(ParseResult parse, TextWriter error, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout(parse));
        ServerTarget target = Target(parse);
        try
        {
            return await ServerCatalog.ReadAsync(target, timeout.Token).ConfigureAwait(false);
        }
        catch (ServerUnavailableException failure)
        {
            await error.WriteLineAsync(failure.Message).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"'{target.Description}' did not list its tools within {Timeout(parse).TotalSeconds:0} s (--timeout).").ConfigureAwait(false);
            return null;
        }
    }
}
