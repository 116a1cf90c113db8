using System;

namespace McpSdk.Engine;

/// <summary>
/// How a lean session's messages travel: a child process's standard input and output (<see cref="StdioLink"/>), or
/// HTTP requests and event streams. The session serialises and correlates; the link only moves whole messages.
/// </summary>
internal interface IMessageLink : IAsyncDisposable
{
    /// <summary>The server-assigned session id, where the transport has one.</summary>
    string? SessionId { get; }

    /// <summary>Starts delivering incoming messages to <paramref name="reader"/>; called once, before the first send.</summary>
    void Start(ILinkReader reader);

    /// <summary>
    /// Sends one whole message (a JSON text). <paramref name="requestId"/> names the request it carries when it is one of
    /// ours (0 otherwise), so that a transport which fails per request (HTTP) reports it through
    /// <see cref="ILinkReader.OnRequestFailed"/>.
    /// </summary>
    /// <exception cref="System.IO.IOException">The link is closed.</exception>
    void Send(ReadOnlySpan<byte> message, long requestId);

    /// <summary>The protocol version the handshake settled on, for transports that state it on every request.</summary>
    void OnInitialized(string protocolVersion);

    /// <summary>
    /// The session speaks the stateless form at <paramref name="protocolVersion"/> from the next message on (null: back to
    /// the <c>initialize</c> form): over HTTP every request states the version and its method in headers, with no session
    /// id and no GET stream. Nothing changes on a transport without headers.
    /// </summary>
    void UseStateless(string? protocolVersion)
    {
    }

    /// <summary>
    /// The connection's table of tools whose arguments go into <c>Mcp-Param-{Name}</c> headers (SEP-2243): a stateless
    /// HTTP link adds them to those tools' calls. Nothing changes on a transport without headers.
    /// </summary>
    void UseParamHeaders(ParamHeaderTable table)
    {
    }

    /// <summary>Once the link ended on its own, its exit code (for a process) and standard error, for messages.</summary>
    LinkEnd DescribeEnd();
}

/// <summary>What a link knows of how it ended: a process's exit code and the tail of its standard error.</summary>
internal readonly record struct LinkEnd(int? ExitCode, System.Collections.Generic.IReadOnlyList<string> StandardError);
