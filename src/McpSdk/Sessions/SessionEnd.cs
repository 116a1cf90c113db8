using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using ModelContextProtocol.Client;

namespace McpSdk.Sessions;

/// <summary>
/// What is known about how a session's transport ended — a stdio server's exit code and standard error, an HTTP
/// server's status — from the SDK's <see cref="ClientCompletionDetails"/>, and how to say it in a message.
/// </summary>
internal sealed record SessionEnd(int? ExitCode, IReadOnlyList<string> StandardErrorTail, HttpStatusCode? HttpStatusCode)
{
    /// <summary>
    /// Finds the transport's end in <paramref name="failure"/>'s chain or else in the transport's completion, and takes
    /// the standard error from <paramref name="standardError"/> (McpSdk's longer tail) before the SDK's own.
    /// </summary>
    public static SessionEnd? Find(Exception? failure, Task? transportCompletion, IReadOnlyList<string>? standardError)
    {
        ClientCompletionDetails? details = null;
        for (Exception? cause = failure; cause is not null && details is null; cause = cause.InnerException)
        {
            details = (cause as ClientTransportClosedException)?.Details;
        }

        if (details is null && transportCompletion is { IsFaulted: true } ended)
        {
            details = (ended.Exception?.InnerException as ClientTransportClosedException)?.Details;
        }

        return From(details, standardError);
    }

    /// <summary>The end <paramref name="details"/> describe, or null when they say nothing beyond a closure we asked for.</summary>
    public static SessionEnd? From(ClientCompletionDetails? details, IReadOnlyList<string>? standardError)
    {
        IReadOnlyList<string> tail = standardError is { Count: > 0 } ? standardError
            : details is StdioClientCompletionDetails { StandardErrorTail: { Count: > 0 } sdkTail } ? sdkTail
            : [];
        return details switch
        {
            StdioClientCompletionDetails { ExitCode: int code } => new SessionEnd(code, tail, null),
            HttpClientCompletionDetails { HttpStatusCode: HttpStatusCode status } => new SessionEnd(null, tail, status),
            _ => null,
        };
    }

    /// <summary>"the server process exited with code 137", "the server answered HTTP 404 (NotFound): …".</summary>
    public string Describe() => ExitCode is int code
        ? $"the server process exited with code {code}"
        : HttpStatusCode is System.Net.HttpStatusCode.NotFound
            ? "the server answered HTTP 404 (NotFound): it no longer knows the session"
            : $"the server answered HTTP {(int)HttpStatusCode!.Value} ({HttpStatusCode})";

    /// <summary><see cref="Describe"/> plus the last line of standard error, for a one-line reason.</summary>
    public string DescribeWithLastError() => StandardErrorTail.Count == 0
        ? Describe()
        : $"{Describe()}; the last line on its standard error: {StandardErrorTail[^1]}";
}
