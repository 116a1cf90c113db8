using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace McpSdk.Endpoints;

/// <summary>
/// Opens the TCP connections of McpSdk's <see cref="SocketsHttpHandler"/> (its <see cref="SocketsHttpHandler.ConnectCallback"/>)
/// and retries a failure to connect through a Polly.Core pipeline.
/// </summary>
/// <remarks>
/// Retrying here rather than in a <see cref="DelegatingHandler"/> does two things. A request is never sent twice, by
/// construction: the pipeline wraps opening a socket, and no request has been written to a socket that never opened.
/// And a request on an already open, pooled connection (nearly all of them) pays nothing, where a retry handler runs a
/// pipeline, allocates its context and state machines, and costs about 1.3 KB and 4 µs per request (see
/// HttpPipelineBenchmarks and docs/PERFORMANCE.md).
/// </remarks>
internal sealed partial class ConnectRetry
{
    private static readonly ResiliencePropertyKey<DnsEndPoint> s_endPoint = new("McpSdk.ConnectEndPoint");

    private readonly ResiliencePipeline _pipeline;
    private readonly Func<DnsEndPoint, CancellationToken, ValueTask<Stream>> _connect;

    /// <param name="attempts">Attempts to connect, the first included; at least 1.</param>
    /// <param name="timeProvider">The clock for the backoff delays.</param>
    /// <param name="logger">Where each retried failure is logged as a warning.</param>
    /// <param name="connect">Opens one connection; a TCP socket by default. Tests script failures through it.</param>
    public ConnectRetry(int attempts, TimeProvider timeProvider, ILogger logger, Func<DnsEndPoint, CancellationToken, ValueTask<Stream>>? connect = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        _connect = connect ?? ConnectSocketAsync;
        _pipeline = attempts == 1
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = attempts - 1,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(100),

                    // A socket error while connecting: nothing was sent. Cancellation (the handler's ConnectTimeout) is not retried.
                    ShouldHandle = new PredicateBuilder().Handle<SocketException>(),
                    OnRetry = args =>
                    {
                        DnsEndPoint endPoint = args.Context.Properties.GetValue(s_endPoint, null!);
                        Log.ConnectRetrying(logger, endPoint.Host, endPoint.Port, args.Outcome.Exception!.Message, args.AttemptNumber + 2, attempts, args.RetryDelay.TotalMilliseconds);
                        return default;
                    },
                })
                .Build();
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: connects to the request's host and port, retrying.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        ConnectAsync(context.DnsEndPoint, cancellationToken);

    /// <summary>Connects to <paramref name="endPoint"/>, retrying failures to connect.</summary>
    internal async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        ResilienceContext resilience = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            resilience.Properties.Set(s_endPoint, endPoint);
            return await _pipeline.ExecuteAsync(
                static (resilience, connect) => connect(resilience.Properties.GetValue(s_endPoint, null!), resilience.CancellationToken),
                resilience,
                _connect).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilience);
        }
    }

    /// <summary>What <see cref="SocketsHttpHandler"/> does without a callback: a dual-mode TCP socket, no Nagle delay, every address tried.</summary>
    internal static async ValueTask<Stream> ConnectSocketAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A pipeline for a handler built without services: no logging, the system clock.</summary>
    internal static ConnectRetry Create(int attempts) => new(attempts, TimeProvider.System, NullLogger.Instance);

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning, "Connecting to {Host}:{Port} failed ({Reason}); attempt {Next} of {Attempts} in {DelayMilliseconds:0} ms.")]
        public static partial void ConnectRetrying(ILogger logger, string host, int port, string reason, int next, int attempts, double delayMilliseconds);
    }
}
