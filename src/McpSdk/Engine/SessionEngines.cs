using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpSdk.Engine;

/// <summary>
/// Opens a session on the engine <see cref="McpConnectionOptions.Engine"/> names: the lean engine where it goes (stdio,
/// Streamable HTTP, every protocol version the official SDK speaks), the official SDK's everywhere else (and, under
/// <see cref="McpSessionEngine.Auto"/> with auto-detection, where a server does not answer as Streamable HTTP).
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

        try
        {
            return endpoint is HttpEndpoint http
                ? await LeanSession.ConnectAsync(endpoint, CreateLink(http, options, loggerFactory), options, loggerFactory, cancellationToken).ConfigureAwait(false)
                : await LeanSession.ConnectAsync((StdioEndpoint)endpoint, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (McpConnectionFailedException failure)
            when (options.Engine == McpSessionEngine.Auto && endpoint is HttpEndpoint { Options.TransportMode: HttpTransportMode.AutoDetect }
                && IsNotStreamableHttp(failure.InnerException) && !cancellationToken.IsCancellationRequested)
        {
            // The initialize POST was answered, but not as Streamable HTTP (404, 405, an HTML page): the SDK's transport
            // tries the legacy HTTP+SSE transport, as auto-detection promises.
            Log.FallingBackToSdk(loggerFactory.CreateLogger("McpSdk.SessionPool"), endpoint.Name, failure.InnerException!.Message);
            return await SdkSession.ConnectAsync(endpoint, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
    }

    private static HttpLink CreateLink(HttpEndpoint endpoint, McpConnectionOptions options, ILoggerFactory loggerFactory) => new(
        endpoint.CreateHttpClient(loggerFactory, options.TimeProvider),
        endpoint.Uri,
        endpoint.Name,
        endpoint.Options.AdditionalHeaders,
        options.MaxMessageSize,
        options.TimeProvider,
        loggerFactory.CreateLogger("McpSdk.Http"));

    // An HTTP answer other than refused credentials (which the SDK's transport would meet too).
    private static bool IsNotStreamableHttp(Exception? failure) =>
        failure is HttpRequestException { StatusCode: { } status } && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);

    /// <summary>Why the lean engine does not go to <paramref name="endpoint"/> with <paramref name="options"/>; null when it does.</summary>
    public static string? WhyNotLean(McpEndpoint endpoint, McpConnectionOptions options)
    {
        if (endpoint is HttpEndpoint http)
        {
            if (http.Options.TransportMode == HttpTransportMode.Sse)
            {
                return $"{endpoint.Name} uses the legacy HTTP+SSE transport (McpHttpOptions.TransportMode is Sse), which only the official SDK's engine speaks";
            }

            // Client credentials and cross-app access are McpSdk's own handler in the HTTP pipeline, which both engines
            // use; the authorization-code flow (a redirect URI) runs inside the official SDK's HTTP transport.
            if (http.Options.OAuth is { RedirectUri: not null })
            {
                return $"{endpoint.Name} has an OAuth redirect URI (McpOAuthOptions.RedirectUri): the authorization-code flow runs inside the official SDK's HTTP transport";
            }
        }
        else if (endpoint is not StdioEndpoint)
        {
            return $"the lean engine runs stdio and Streamable HTTP servers only ({endpoint.Name} is {Kind(endpoint)})";
        }

        if (options.ProtocolVersion is { } version && !LeanProtocol.Speaks(version))
        {
            return $"protocol version {version} is pinned and the lean engine speaks {string.Join(", ", LeanProtocol.Versions)} and {LeanProtocol.Stateless}";
        }

        return null;
    }

    private static string Kind(McpEndpoint endpoint) => endpoint switch
    {
        InProcessEndpoint => "an in-process server",
        _ => "a custom transport",
    };

    private static partial class Log
    {
        [LoggerMessage(85, LogLevel.Information, "{Endpoint} did not answer the lean engine's initialize as Streamable HTTP ({Error}); using the official SDK's engine, which tries the legacy HTTP+SSE transport.")]
        public static partial void FallingBackToSdk(ILogger logger, string endpoint, string error);
    }
}
