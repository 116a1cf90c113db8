using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using McpSdk.Endpoints;

namespace McpSdk.Sessions;

/// <summary>
/// Turns whatever the SDK raised while a session opened (an <see cref="System.IO.IOException"/> for a process that
/// could not start, a <see cref="ModelContextProtocol.Client.ClientTransportClosedException"/> for one that exited, an
/// <see cref="HttpRequestException"/> for a port nobody listens on) into one <see cref="McpConnectionFailedException"/>
/// that names the endpoint, says what happened and what to check.
/// </summary>
internal static class OpenFailure
{
    /// <summary>Whether <paramref name="failure"/> is left as it is: already ours (authorization), or the caller's cancellation.</summary>
    public static bool StaysAsIs(Exception failure, bool cancellationRequested) =>
        failure is McpSdkException || (failure is OperationCanceledException && cancellationRequested);

    /// <summary>The failure the SDK raised, under the one <see cref="Create"/> made of it.</summary>
    public static Exception Unwrap(Exception failure) =>
        failure is McpConnectionFailedException { InnerException: { } cause } ? cause : failure;

    public static McpConnectionFailedException Create(
        McpEndpoint endpoint, Exception failure, ObservingClientTransport transport, StandardErrorTail? standardError)
    {
        IReadOnlyList<string>? stderr = standardError?.Snapshot();
        if (transport.Connected is null && endpoint is StdioEndpoint)
        {
            return new McpConnectionFailedException(
                endpoint.Name,
                $"the server process could not be started ({Innermost(failure).Message}); check the command, that it is installed and on PATH, and the working directory",
                failure,
                standardErrorTail: stderr);
        }

        if (SessionEnd.Find(failure, transport.Connected?.Completion, stderr) is { } end)
        {
            return new McpConnectionFailedException(
                endpoint.Name, end.Describe() + " before the MCP handshake completed", failure, end.ExitCode, end.StandardErrorTail, end.HttpStatusCode);
        }

        return Http(endpoint, failure) ?? new McpConnectionFailedException(
            endpoint.Name, $"the MCP handshake failed ({failure.GetType().Name}: {failure.Message})", failure, standardErrorTail: stderr);
    }

    /// <summary>A server process that could not be started (the lean engine starts it itself).</summary>
    public static McpConnectionFailedException NotStarted(McpEndpoint endpoint, Exception failure) => new(
        endpoint.Name,
        $"the server process could not be started ({Innermost(failure).Message}); check the command, that it is installed and on PATH, and the working directory",
        failure);

    /// <summary>
    /// A lean-engine session that failed its handshake: <paramref name="end"/> says how its link ended when it did (the
    /// process exited), with the exit code and standard error the link kept.
    /// </summary>
    public static McpConnectionFailedException Ended(
        McpEndpoint endpoint, Exception failure, string? end, int? exitCode, IReadOnlyList<string> standardError) => end is not null && exitCode is not null
        ? new McpConnectionFailedException(
            endpoint.Name, new SessionEnd(exitCode, standardError, null).Describe() + " before the MCP handshake completed", failure, exitCode, standardError)
        : Http(endpoint, failure) ?? new McpConnectionFailedException(
            endpoint.Name, $"the MCP handshake failed ({failure.GetType().Name}: {failure.Message})", failure, exitCode, standardError);

    /// <summary>An HTTP status or an unreachable server, when that is what <paramref name="failure"/> holds.</summary>
    private static McpConnectionFailedException? Http(McpEndpoint endpoint, Exception failure)
    {
        HttpRequestException? http = Find<HttpRequestException>(failure);
        if (http is { StatusCode: HttpStatusCode status })
        {
            string check = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? "check the connection's OAuth settings or AdditionalHeaders"
                : "check the endpoint's URI and that the server serves MCP there";
            return new McpConnectionFailedException(endpoint.Name, $"the server answered HTTP {(int)status} ({status}); {check}", failure, httpStatusCode: status);
        }

        return http is null
            ? null
            : new McpConnectionFailedException(
                endpoint.Name,
                $"the server could not be reached ({http.HttpRequestError}: {http.Message}); check that it is running and listening at that address",
                failure);
    }

    private static T? Find<T>(Exception failure)
        where T : Exception
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception failure)
    {
        Exception cause = failure;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        return cause;
    }
}
