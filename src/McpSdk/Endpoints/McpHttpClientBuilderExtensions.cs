using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace McpSdk;

/// <summary>Configures an <see cref="IHttpClientFactory"/> named client the way MCP sessions need it.</summary>
public static class McpHttpClientBuilderExtensions
{
    /// <summary>The name of McpSdk's HTTP client.</summary>
    public const string DefaultClientName = "McpSdk";

    /// <summary>
    /// Sets McpSdk's HTTP defaults on a named client: a pooled <see cref="SocketsHttpHandler"/> (connections renewed
    /// every 5 minutes for DNS changes, idle ones dropped after 4 seconds, before common servers' keep-alive ends,
    /// several HTTP/2 connections when the server allows), no client-wide timeout
    /// (each call's <c>[Timeout]</c> is the deadline, and event streams stay open), and a resilience handler that
    /// retries only failures to connect. A request that may have reached the server, such as a <c>tools/call</c>
    /// POST, is never sent twice; retrying calls is the scheduler's job, under <c>[Retry]</c>.
    /// </summary>
    /// <param name="builder">The named client's builder.</param>
    /// <param name="connectAttempts">Attempts to connect, the first included; 3 by default.</param>
    public static IHttpClientBuilder AddMcpSdkHttpDefaults(this IHttpClientBuilder builder, int connectAttempts = 3)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectAttempts, 1);

        builder
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),

                // Below Node's 5-second keep-alive: a tools/call POST written to a connection the server has just
                // closed fails with a reset, and it is never sent again (it may have arrived).
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
                EnableMultipleHttp2Connections = true,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .ConfigureHttpClient(static client => client.Timeout = Timeout.InfiniteTimeSpan);

        if (connectAttempts > 1)
        {
            builder.AddResilienceHandler("mcp-connect-retry", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = connectAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                ShouldHandle = static args => ValueTask.FromResult(IsConnectFailure(args.Outcome.Exception)),
            }));
        }

        return builder;
    }

    /// <summary>Only a failure to connect proves the request never left: everything else may have reached the server.</summary>
    private static bool IsConnectFailure(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
}
