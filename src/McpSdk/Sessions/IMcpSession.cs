using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>
/// One live MCP session, as the layers above need it. Implemented by McpSdk's lean engine (<c>Engine/LeanSession</c>)
/// and over the official SDK's client (<see cref="SdkSession"/>); the invoker and the proxies see only this seam.
/// </summary>
internal interface IMcpSession : IAsyncDisposable
{
    /// <summary>The server-assigned session id, where the transport has one.</summary>
    string? SessionId { get; }

    /// <summary>The protocol version the session negotiated with the server, where known.</summary>
    string? ProtocolVersion => null;

    /// <summary>Completes when the session ends for any reason (server exit, stream closed, disposal).</summary>
    Task Completion { get; }

    /// <summary>Sends <c>tools/call</c> with pre-serialised arguments; cancelling sends <c>notifications/cancelled</c>.</summary>
    ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Sends <c>tools/list</c>, every page (tool validation, server tools as AI functions).</summary>
    Task<System.Collections.Generic.IReadOnlyList<Tool>> ListToolsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The sessions of this connection cannot list the server's tools ({GetType().Name}).");

    /// <summary>Sends <c>ping</c>.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Once the session has ended on its own, what happened, for a lost-session message (e.g. "the server process
    /// exited with code 137"); <see langword="null"/> while it runs or when nothing more is known than the failure itself.
    /// </summary>
    string? DescribeEnd() => null;
}
