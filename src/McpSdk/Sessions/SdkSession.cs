using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Invocation;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>An <see cref="IMcpSession"/> over the official SDK's <see cref="McpClient"/>.</summary>
internal sealed class SdkSession : IMcpSession
{
    private static readonly JsonTypeInfo<ProgressNotificationParams> s_progressParams =
        (JsonTypeInfo<ProgressNotificationParams>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ProgressNotificationParams));

    private readonly McpClient _client;
    private readonly IAsyncDisposable? _companion;
    private readonly ConcurrentDictionary<long, IProgress<McpProgress>> _progressListeners;
    private long _nextProgressToken;
    private int _disposed;

    private SdkSession(McpClient client, IAsyncDisposable? companion, ConcurrentDictionary<long, IProgress<McpProgress>> progressListeners)
    {
        _client = client;
        _companion = companion;
        _progressListeners = progressListeners;
    }

    public string? SessionId => _client.SessionId;

    public Task Completion => _client.Completion;

    /// <summary>Connects a transport from <paramref name="endpoint"/> and completes the MCP handshake.</summary>
    public static async Task<SdkSession> ConnectAsync(
        McpEndpoint endpoint, McpConnectionOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        // One listener table per session: a progress notification is routed by its token without a lock and
        // without registering a handler per call.
        var listeners = new ConcurrentDictionary<long, IProgress<McpProgress>>();
        var clientOptions = new McpClientOptions
        {
            ClientInfo = options.ClientInfo ?? McpConnectionOptions.DefaultClientInfo,
            ProtocolVersion = options.ProtocolVersion,
            Handlers = new McpClientHandlers
            {
                NotificationHandlers =
                [
                    new(NotificationMethods.ProgressNotification, (notification, _) =>
                    {
                        RouteProgress(listeners, notification);
                        return ValueTask.CompletedTask;
                    }),
                ],
            },
        };

        EndpointTransport transport = endpoint.CreateTransport(loggerFactory);
        try
        {
            McpClient client = await McpClient.CreateAsync(transport.Transport, clientOptions, loggerFactory, cancellationToken)
                .ConfigureAwait(false);
            return new SdkSession(client, transport.Companion, listeners);
        }
        catch
        {
            if (transport.Companion is not null)
            {
                await transport.Companion.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken)
    {
        var request = new CallToolRequestParams { Name = toolName, Arguments = arguments.ToElements() };
        if (progress is null)
        {
            return await _client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
        }

        long token = Interlocked.Increment(ref _nextProgressToken);
        request.Meta = new JsonObject { ["progressToken"] = token };
        _progressListeners[token] = progress;
        try
        {
            return await _client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progressListeners.TryRemove(token, out _);
        }
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        _client.PingAsync(options: null, cancellationToken).AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_companion is not null)
            {
                await _companion.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void RouteProgress(ConcurrentDictionary<long, IProgress<McpProgress>> listeners, JsonRpcNotification notification)
    {
        if (notification.Params is null)
        {
            return;
        }

        ProgressNotificationParams? progress;
        try
        {
            progress = notification.Params.Deserialize(s_progressParams);
        }
        catch (JsonException)
        {
            return; // A malformed notification from the server must not break the session.
        }

        if (progress?.ProgressToken.Token is long token && listeners.TryGetValue(token, out IProgress<McpProgress>? listener))
        {
            ProgressNotificationValue value = progress.Progress;
            listener.Report(new McpProgress(value.Progress, value.Total, value.Message));
        }
    }
}
