using System;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using McpSdk.Endpoints;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSdk;

/// <summary>Configures an <see cref="IHttpClientFactory"/> named client the way MCP sessions need it.</summary>
public static class McpHttpClientBuilderExtensions
{
    /// <summary>The name of McpSdk's HTTP client.</summary>
    public const string DefaultClientName = "McpSdk";

    /// <summary>
    /// Sets McpSdk's HTTP defaults on a named client: a pooled <see cref="SocketsHttpHandler"/> (connections renewed
    /// every 5 minutes for DNS changes, idle ones dropped after 4 seconds, before common servers' keep-alive ends)
    /// that retries a failure to connect; HTTP/2 over HTTPS when the server offers it (several connections when one
    /// is full), HTTP/1.1 otherwise; and no client-wide timeout (each call's <c>[Timeout]</c> is the deadline, and
    /// event streams stay open).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Only opening a connection is retried, with exponential backoff from 100 ms and jitter (Polly.Core), inside the
    /// handler's <see cref="SocketsHttpHandler.ConnectCallback"/> and its 10-second <see cref="SocketsHttpHandler.ConnectTimeout"/>.
    /// A request that may have reached the server, such as a <c>tools/call</c> POST, is never sent twice; retrying
    /// calls is the scheduler's job, under <c>[Retry]</c>. A request on an open pooled connection pays nothing for it.
    /// </para>
    /// <para>
    /// The factory's per-request logging handlers are removed: at volume they would write four Information lines per
    /// tool call, and McpSdk logs sessions and calls itself. Call <c>AddDefaultLogger()</c> afterwards to have them back.
    /// If you add a <c>Microsoft.Extensions.Http.Resilience</c> handler of your own, keep it from re-sending POSTs
    /// (for example <c>Retry.DisableForUnsafeHttpMethods()</c>): every MCP message is a POST.
    /// </para>
    /// </remarks>
    /// <param name="builder">The named client's builder.</param>
    /// <param name="connectAttempts">Attempts to connect, the first included; 3 by default.</param>
    /// <param name="preferHttp2">
    /// Whether HTTPS requests ask for HTTP/2 (true by default). HTTP/2 carries every call in flight on one connection
    /// and one TLS handshake: at 64 calls in flight on loopback, sessions made 1.4-1.5x the calls/s of the official SDK
    /// on HTTP/1.1, but one call at a time took 10-25 % longer (the load harness, --http-server csharp-https). Pass false
    /// to keep HTTP/1.1.
    /// </param>
    public static IHttpClientBuilder AddMcpSdkHttpDefaults(this IHttpClientBuilder builder, int connectAttempts = 3, bool preferHttp2 = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectAttempts, 1);

        if (preferHttp2)
        {
            builder.AddHttpMessageHandler(static () => new PreferHttp2Handler());
        }

        return builder
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var connect = new ConnectRetry(
                    connectAttempts,
                    services.GetService<TimeProvider>() ?? TimeProvider.System,
                    services.GetService<ILoggerFactory>()?.CreateLogger("McpSdk.Http") ?? NullLogger.Instance);
                return new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                    // Below Node's 5-second keep-alive: a tools/call POST written to a connection the server has just
                    // closed fails with a reset, and it is never sent again (it may have arrived).
                    PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
                    EnableMultipleHttp2Connections = true,
                    ConnectTimeout = TimeSpan.FromSeconds(10),
                    ConnectCallback = connect.ConnectAsync,
                };
            })
            .RemoveAllLoggers()
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan);
    }
}
