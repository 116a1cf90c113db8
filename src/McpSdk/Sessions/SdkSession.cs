using System;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Invocation;
using ModelContextProtocol;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>An <see cref="IMcpSession"/> over the official SDK's <see cref="McpClient"/>.</summary>
internal sealed class SdkSession : IMcpSession
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(5);

    private readonly McpClient _client;
    private readonly IAsyncDisposable? _companion;
    private readonly ProgressRouter _progress;
    private int _disposed;

    private SdkSession(McpClient client, IAsyncDisposable? companion, ProgressRouter progress)
    {
        _client = client;
        _companion = companion;
        _progress = progress;
    }

    public string? SessionId => _client.SessionId;

    public Task Completion => _client.Completion;

    /// <summary>Connects a transport from <paramref name="endpoint"/> and completes the MCP handshake.</summary>
    public static async Task<SdkSession> ConnectAsync(
        McpEndpoint endpoint, McpConnectionOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var clientOptions = new McpClientOptions
        {
            ClientInfo = options.ClientInfo ?? McpConnectionOptions.DefaultClientInfo,
            ProtocolVersion = options.ProtocolVersion,
#pragma warning disable MCP9005 // Deprecated by 2026-07-28, still passed through for servers on older versions.
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = options.ElicitationHandler,
                SamplingHandler = options.SamplingHandler,
                RootsHandler = options.RootsHandler,
            },
#pragma warning restore MCP9005
        };

        // One progress table per session, fed in transport order: progress is routed by token without a lock
        // and without registering a handler per call.
        var progress = new ProgressRouter();
        EndpointTransport transport = endpoint.CreateTransport(loggerFactory);
        try
        {
            McpClient client = await McpClient.CreateAsync(
                new ObservingClientTransport(transport.Transport, progress.Observe), clientOptions, loggerFactory, cancellationToken)
                .ConfigureAwait(false);
            return new SdkSession(client, transport.Companion, progress);
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
        long token = 0;
        if (progress is not null)
        {
            token = _progress.Register(progress);
            request.Meta = new JsonObject { ["progressToken"] = token };
        }

        try
        {
            return await _client.CallToolAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (McpProtocolException error) when (!cancellationToken.IsCancellationRequested)
        {
            if (await IsAliveAsync().ConfigureAwait(false))
            {
                throw; // about this request only
            }

            // The request failed and so does a ping: the server no longer knows this session. Close it, so the
            // pool replaces it, and let the call count as a lost session.
            await DisposeAsync().ConfigureAwait(false);
            throw new SessionUnusableException("the server no longer accepts this session (" + error.Message + ")", error);
        }
        finally
        {
            if (progress is not null)
            {
                _progress.Unregister(token);
            }
        }
    }

    private async Task<bool> IsAliveAsync()
    {
        using var timeout = new CancellationTokenSource(PingTimeout);
        try
        {
            await _client.PingAsync(options: null, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception)
        {
            return false;
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
}
