using System;
using System.Collections.Generic;
using System.Net;

namespace McpSdk;

/// <summary>
/// An MCP session to an endpoint could not be opened: the server process could not be started or exited before the
/// handshake completed, the server could not be reached, or it refused the connection. Raised by
/// <see cref="McpConnection.OpenAsync"/> and <see cref="McpConnection.ConnectAsync"/>; a call that finds no session
/// can be opened fails with <see cref="McpSessionLostException"/> wrapping this exception.
/// </summary>
/// <example>
/// <code>
/// catch (McpConnectionFailedException failure) when (failure.ExitCode is not null)
/// {
///     logger.LogError("{Endpoint} exited with {Code}: {Stderr}", failure.EndpointName, failure.ExitCode,
///         string.Join('\n', failure.StandardErrorTail));
/// }
/// </code>
/// </example>
public sealed class McpConnectionFailedException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointName">The endpoint's <see cref="McpEndpoint.Name"/>.</param>
    /// <param name="reason">What happened and what to check, as one sentence without a final period.</param>
    /// <param name="innerException">The failure underneath, if any.</param>
    /// <param name="exitCode">The server process's exit code, when it exited.</param>
    /// <param name="standardErrorTail">The last lines the server process wrote to its standard error.</param>
    /// <param name="httpStatusCode">The HTTP status the server answered with, when it answered.</param>
    public McpConnectionFailedException(
        string endpointName,
        string reason,
        Exception? innerException = null,
        int? exitCode = null,
        IReadOnlyList<string>? standardErrorTail = null,
        HttpStatusCode? httpStatusCode = null)
        : base(Format(endpointName, reason, standardErrorTail), innerException)
    {
        EndpointName = endpointName;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail ?? [];
        HttpStatusCode = httpStatusCode;
    }

    /// <summary>The endpoint that could not be opened (its <see cref="McpEndpoint.Name"/>; never contains secrets).</summary>
    public string EndpointName { get; }

    /// <summary>
    /// The server process's exit code, when a stdio server exited and had been reaped by the time its output closed (the
    /// official SDK's transport reports it only then); otherwise <see langword="null"/>.
    /// </summary>
    public int? ExitCode { get; }

    /// <summary>The last lines (at most 20, about 4 KB) a stdio server wrote to its standard error; empty when none.</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }

    /// <summary>The HTTP status an HTTP server answered with, when it answered; otherwise <see langword="null"/>.</summary>
    public HttpStatusCode? HttpStatusCode { get; }

    private static string Format(string endpointName, string reason, IReadOnlyList<string>? standardErrorTail) =>
        standardErrorTail is { Count: > 0 }
            ? $"Could not open an MCP session to {endpointName}: {reason}. The server's last standard error output:{Environment.NewLine}{string.Join(Environment.NewLine, standardErrorTail)}"
            : $"Could not open an MCP session to {endpointName}: {reason}.";
}
