using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace McpSdk.Engine;

/// <summary>
/// Opens a session on the engine <see cref="McpConnectionOptions.Engine"/> names: the lean engine where it goes, the
/// official SDK's everywhere else (and where a server refuses the lean engine's <c>initialize</c> under
/// <see cref="McpSessionEngine.Auto"/>).
/// </summary>
internal static partial class SessionEngines
{
    public static async Task<IMcpSession> ConnectAsync(
        McpEndpoint endpoint, McpConnectionOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        string? elsewhere = WhyNotLean(endpoint, options);
        if (options.Engine == McpSessionEngine.Sdk || (options.Engine == McpSessionEngine.Auto && elsewhere is not null))
        {
            return await SdkSession.ConnectAsync(endpoint, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        if (elsewhere is not null)
        {
            throw new McpConnectionFailedException(
                endpoint.Name, $"McpConnectionOptions.Engine is Lean, but {elsewhere}; use McpSessionEngine.Auto or Sdk for this endpoint");
        }

        var stdio = (StdioEndpoint)endpoint;
        bool pinned = options.ProtocolVersion is not null;
        try
        {
            return await LeanSession.ConnectAsync(
                stdio, options, options.ProtocolVersion ?? LeanProtocol.Newest, exact: pinned, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (McpConnectionFailedException failure)
            when (options.Engine == McpSessionEngine.Auto && !pinned && failure.InnerException is McpProtocolException && !cancellationToken.IsCancellationRequested)
        {
            // The server answered initialize with an error (e.g. it speaks only the stateless 2026-07-28 form): the
            // official SDK's negotiation, which probes server/discover first, gets its chance.
            Log.FallingBackToSdk(loggerFactory.CreateLogger("McpSdk.SessionPool"), endpoint.Name, failure.InnerException.Message);
            return await SdkSession.ConnectAsync(endpoint, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Why the lean engine does not go to <paramref name="endpoint"/> with <paramref name="options"/>; null when it does.</summary>
    public static string? WhyNotLean(McpEndpoint endpoint, McpConnectionOptions options)
    {
        if (endpoint is not StdioEndpoint)
        {
            return $"the lean engine runs stdio servers only for now ({endpoint.Name} is {Kind(endpoint)})";
        }

        if (options.ProtocolVersion is { } version && !LeanProtocol.Speaks(version))
        {
            return $"protocol version {version} is pinned and the lean engine speaks {string.Join(", ", LeanProtocol.Versions)}";
        }

        return null;
    }

    private static string Kind(McpEndpoint endpoint) => endpoint switch
    {
        HttpEndpoint => "an HTTP endpoint",
        InProcessEndpoint => "an in-process server",
        _ => "a custom transport",
    };

    private static partial class Log
    {
        [LoggerMessage(85, LogLevel.Information, "{Endpoint} refused the lean engine's initialize ({Error}); using the official SDK's engine and its negotiation.")]
        public static partial void FallingBackToSdk(ILogger logger, string endpoint, string error);
    }
}
