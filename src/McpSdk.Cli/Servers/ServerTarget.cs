using System;
using System.Collections.Generic;
using System.Linq;
using ModelContextProtocol.Client;

namespace McpSdk.Cli.Servers;

/// <summary>The server a command talks to: a command line started over stdio, or an HTTP endpoint.</summary>
internal abstract record ServerTarget
{
    public static ServerTarget Stdio(
        IReadOnlyList<string> commandLine, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        new StdioTarget(commandLine[0], [.. commandLine.Skip(1)], environment ?? new Dictionary<string, string?>(), workingDirectory);

    public static ServerTarget Http(Uri endpoint, IReadOnlyDictionary<string, string>? headers = null) =>
        new HttpTarget(endpoint, headers ?? new Dictionary<string, string>());

    /// <summary>For messages: the command or URL, without header values.</summary>
    public abstract string Description { get; }

    /// <summary>A new, unconnected transport; the server's standard error lines go to <paramref name="standardError"/>.</summary>
    public abstract IClientTransport CreateTransport(Action<string> standardError);

    /// <summary>A command line started as a child process.</summary>
    internal sealed record StdioTarget(
        string Command, string[] Arguments, IReadOnlyDictionary<string, string?> Environment, string? WorkingDirectory) : ServerTarget
    {
        public override string Description => string.Join(' ', Arguments.Prepend(Command));

        public override IClientTransport CreateTransport(Action<string> standardError) => new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = Command,
            Arguments = [.. Arguments],
            Name = "mcpsdk",
            WorkingDirectory = WorkingDirectory,
            EnvironmentVariables = Environment.Count == 0 ? null : Environment.ToDictionary(p => p.Key, p => p.Value),
            StandardErrorLines = standardError,
        });
    }

    /// <summary>A Streamable HTTP (or SSE) endpoint.</summary>
    internal sealed record HttpTarget(Uri Endpoint, IReadOnlyDictionary<string, string> Headers) : ServerTarget
    {
        public override string Description => Endpoint.GetLeftPart(UriPartial.Path);

        public override IClientTransport CreateTransport(Action<string> standardError) => new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Endpoint,
            Name = "mcpsdk",
            AdditionalHeaders = Headers.Count == 0 ? null : Headers.ToDictionary(p => p.Key, p => p.Value),
        });
    }
}
