using System;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace McpSdk.Endpoints;

/// <summary>A child process per session, spoken to over stdin/stdout.</summary>
internal sealed class StdioEndpoint(
    string command, string[] arguments, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory) : McpEndpoint
{
    public override string Name => $"stdio:{command}";

    /// <summary>The process to start for a lean-engine session: the same command, arguments, environment and directory.</summary>
    internal System.Diagnostics.ProcessStartInfo CreateStartInfo() =>
        Engine.StdioLink.StartInfo(command, arguments, environment, workingDirectory);

    internal override EndpointTransport CreateTransport(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var standardError = new StandardErrorTail();
        var options = new StdioClientTransportOptions
        {
            StandardErrorLines = standardError.Add,
            Command = command,
            Arguments = [.. arguments],
            Name = Name,
            WorkingDirectory = workingDirectory,
        };

        if (environment is not null)
        {
            var variables = new Dictionary<string, string?>(environment.Count);
            foreach (KeyValuePair<string, string?> pair in environment)
            {
                variables[pair.Key] = pair.Value;
            }

            options.EnvironmentVariables = variables;
        }

        return new EndpointTransport(new StdioClientTransport(options, loggerFactory), Companion: null, standardError);
    }
}
