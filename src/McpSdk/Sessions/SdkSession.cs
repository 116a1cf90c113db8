using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Endpoints;
using McpSdk.Invocation;
using ModelContextProtocol;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>An <see cref="IMcpSession"/> over the official SDK's <see cref="McpClient"/>.</summary>
internal sealed partial class SdkSession : IMcpSession
{
    /// <summary>The protocol versions with an <c>initialize</c> handshake that the official SDK speaks, oldest first.</summary>
    private static readonly string[] s_initializeHandshakeVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    // The version that connected to an endpoint when the SDK's default negotiation did not, so that the pool's later
    // sessions to it connect in one attempt. Weakly keyed: it goes with the endpoint.
    private static readonly ConditionalWeakTable<McpEndpoint, string> s_negotiated = new();

    private readonly McpClient _client;
    private readonly IAsyncDisposable? _companion;
    private readonly ProgressRouter _progress;
    private readonly ObservingClientTransport _transport;
    private readonly StandardErrorTail? _standardError;
    private int _disposed;

    private SdkSession(
        McpClient client, IAsyncDisposable? companion, ProgressRouter progress, ObservingClientTransport transport, StandardErrorTail? standardError)
    {
        _client = client;
        _companion = companion;
        _progress = progress;
        _transport = transport;
        _standardError = standardError;
        LiveResourceCounters.SessionOpened();
    }

    public string? SessionId => _client.SessionId;

    public string? ProtocolVersion => _client.NegotiatedProtocolVersion;

    public Task Completion => _client.Completion;

    /// <summary>
    /// Connects a transport from <paramref name="endpoint"/> and completes the MCP handshake, negotiating the protocol
    /// version when <see cref="McpConnectionOptions.ProtocolVersion"/> leaves it open.
    /// </summary>
    /// <remarks>
    /// The official SDK's own negotiation first probes with <c>server/discover</c> (2026-07-28) and falls back to
    /// <c>initialize</c> only on the failures it expects; once it pins a version it insists on an exact match. Servers
    /// in the field answer the probe in other ways (a result it cannot parse, an HTTP error it does not map) and answer
    /// <c>initialize</c> with an older version both sides support. So when the version is open, a failed attempt is
    /// retried on a fresh transport: after a failed probe, with the <c>initialize</c> handshake at the newest version
    /// that has one; after the server offered another version we support, pinned to that version — as the lifecycle
    /// intends (the client proceeds with the server's version when it supports it). What worked is remembered per
    /// endpoint, so the pool's later sessions connect in one attempt. A version the user pins is used as is.
    /// </remarks>
    public static async Task<SdkSession> ConnectAsync(
        McpEndpoint endpoint, McpConnectionOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (options.ProtocolVersion is { } pinned)
        {
            return await ConnectOnceAsync(endpoint, options, pinned, new HandshakeWatch(loggerFactory), loggerFactory, cancellationToken).ConfigureAwait(false);
        }

        // null: the SDK's default negotiation. Each version is tried at most once, so this ends after five attempts.
        string? version = s_negotiated.TryGetValue(endpoint, out string? learned) ? learned : null;
        var tried = new HashSet<string?>();
        while (true)
        {
            tried.Add(version);
            var watch = new HandshakeWatch(loggerFactory);
            try
            {
                SdkSession session = await ConnectOnceAsync(endpoint, options, version, watch, loggerFactory, cancellationToken).ConfigureAwait(false);
                Log.ProtocolNegotiated(loggerFactory.CreateLogger("McpSdk.SessionPool"), endpoint.Name, session.ProtocolVersion, Describe(version));
                if (version != learned)
                {
                    if (version is null)
                    {
                        s_negotiated.Remove(endpoint);
                    }
                    else
                    {
                        s_negotiated.AddOrUpdate(endpoint, version);
                    }
                }

                return session;
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested
                && NextAttempt(OpenFailure.Unwrap(failure), version, learned, watch.OfferedVersion, tried) is { } next)
            {
                Log.ProtocolNegotiationRetry(
                    loggerFactory.CreateLogger("McpSdk.SessionPool"), endpoint.Name, Describe(version), next.Reason, Describe(next.Version), failure);
                version = next.Version;
            }
        }
    }

    private static string Describe(string? version) => version is null ? "the SDK's default negotiation" : "protocol version " + version;

    /// <summary>What to try after a failed attempt with <paramref name="version"/> (null: the SDK's default), or null to give up.</summary>
    private static (string? Version, string Reason)? NextAttempt(
        Exception failure, string? version, string? learned, string? offered, HashSet<string?> tried)
    {
        if (IsBeyondNegotiation(failure))
        {
            return null;
        }

        // The server answered initialize with another version that both sides speak: proceed with it.
        if (offered is not null && offered != version && s_initializeHandshakeVersions.Contains(offered) && !tried.Contains(offered))
        {
            return (offered, $"the server offered protocol version {offered}");
        }

        // The server/discover probe failed in a way the SDK does not fall back from: use the initialize handshake.
        string newest = s_initializeHandshakeVersions[^1];
        if (version is null && IsProbeFailure(failure) && !tried.Contains(newest))
        {
            return (newest, "the server/discover probe failed (" + failure.GetType().Name + ": " + failure.Message + ")");
        }

        // A version that worked before no longer does (the server changed): negotiate from the start.
        if (version is not null && version == learned && !tried.Contains(null))
        {
            return (null, $"protocol version {version}, which this endpoint used before, failed");
        }

        return null;
    }

    /// <summary>
    /// Failures no protocol version can cure: the server cannot be reached (connection refused, name not resolved,
    /// TLS failed) or refuses the client's credentials.
    /// </summary>
    private static bool IsBeyondNegotiation(Exception failure) => failure is System.Net.Http.HttpRequestException
    {
        StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.ProxyAuthenticationRequired
    } or System.Net.Http.HttpRequestException
    {
        StatusCode: null,
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError or HttpRequestError.UserAuthenticationError,
    };

    /// <summary>
    /// Whether a failure of the SDK's default negotiation came from the <c>server/discover</c> probe being answered in a
    /// way an <c>initialize</c>-handshake server would: a result that is not a discover result, an HTTP error status, or
    /// a JSON-RPC error other than the three the 2026-07-28 revision defines for the probe (which mean what they say).
    /// </summary>
    private static bool IsProbeFailure(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case JsonException:
                case System.Net.Http.HttpRequestException { StatusCode: not null }:
                    return true;
                case McpProtocolException protocol:
                    return protocol.ErrorCode is not (McpErrorCode.UnsupportedProtocolVersion or McpErrorCode.MissingRequiredClientCapability or McpErrorCode.HeaderMismatch);
            }
        }

        return false;
    }

    private static async Task<SdkSession> ConnectOnceAsync(
        McpEndpoint endpoint, McpConnectionOptions options, string? protocolVersion, HandshakeWatch watch, ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var clientOptions = new McpClientOptions
        {
            ClientInfo = options.ClientInfo ?? McpConnectionOptions.DefaultClientInfo,
            ProtocolVersion = protocolVersion,
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
        ProgressRouter progress = watch.Progress;
        EndpointTransport transport = endpoint.CreateTransport(loggerFactory, options.TimeProvider);
        var observing = new ObservingClientTransport(
            transport.Transport, watch.Observe, marksRefusals: endpoint is not (StdioEndpoint or InProcessEndpoint));
        try
        {
            McpClient client = await McpClient.CreateAsync(observing, clientOptions, loggerFactory, cancellationToken).ConfigureAwait(false);
            watch.HandshakeDone = true;
            return new SdkSession(client, transport.Companion, progress, observing, transport.StandardError);
        }
        catch (Exception failure)
        {
            if (transport.Companion is not null)
            {
                await transport.Companion.DisposeAsync().ConfigureAwait(false);
            }

            if (OpenFailure.StaysAsIs(failure, cancellationToken.IsCancellationRequested))
            {
                throw;
            }

            throw OpenFailure.Create(endpoint, failure, observing, transport.StandardError);
        }
    }

    /// <summary>
    /// Sees the session's incoming messages in transport order: during the handshake it notes the protocol version the
    /// server's <c>initialize</c> result offers; every message then goes to the session's progress router.
    /// </summary>
    private sealed class HandshakeWatch(ILoggerFactory loggerFactory)
    {
        private volatile bool _handshakeDone;

        public ProgressRouter Progress { get; } = new(loggerFactory.CreateLogger("McpSdk.Progress"));

        public bool HandshakeDone
        {
            get => _handshakeDone;
            set => _handshakeDone = value;
        }

        /// <summary>The <c>protocolVersion</c> of the server's <c>initialize</c> result, when one arrived.</summary>
        public string? OfferedVersion { get; private set; }

        public void Observe(JsonRpcMessage message)
        {
            if (!_handshakeDone
                && message is JsonRpcResponse { Result: JsonObject result }
                && result.TryGetPropertyValue("protocolVersion", out JsonNode? offered)
                && offered is JsonValue value
                && value.TryGetValue(out string? text)
                && result.ContainsKey("capabilities"))
            {
                OfferedVersion = text;
            }

            Progress.Observe(message);
        }
    }

    // The SDK's own contract for the result, as its CallToolAsync reads it.
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<CallToolResult> s_callToolResult =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<CallToolResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult));

    // Pooled: one per call, on the hot path.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken)
    {
        long token = progress is null ? 0 : _progress.Register(progress);
        bool answered = false;
        try
        {
            // The SDK's own CallToolAsync is this same request and result, with the params serialised from a typed
            // object; building them from the arguments' JSON directly saves a parse and a serialisation per call.
            var request = new JsonRpcRequest
            {
                Method = RequestMethods.ToolsCall,
                Params = arguments.ToCallParams(toolName, progress is null ? null : token),
            };
            JsonRpcResponse response = await _client.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
            answered = true;
            return JsonSerializer.Deserialize(response.Result, s_callToolResult)
                ?? throw new JsonException($"The server answered tools/call of '{toolName}' with a null result.");
        }
        catch (McpProtocolException error) when (ObservingTransport.IsRefusedBySend(error) && !cancellationToken.IsCancellationRequested)
        {
            // Not an answer: the server turned the request away before handling it, as servers do with a session id
            // they no longer know. Any other JSON-RPC error is the server's answer about this request and goes up as
            // is, with no ping: whether the session still stands is the pool's question (it pings a suspect).
            throw new SessionUnusableException(
                $"the server refused tools/call of '{toolName}' without handling it ({error.Message}); it may no longer know session {SessionId}",
                error);
        }
        catch (HttpRequestException error) when (error.StatusCode == HttpStatusCode.NotFound && SessionId is not null && !cancellationToken.IsCancellationRequested)
        {
            // The server no longer knows the session (it restarted, or expired it): the request never ran.
            throw new SessionUnusableException(
                $"the server answered tools/call of '{toolName}' with 404: it no longer knows session {SessionId}", error);
        }
        finally
        {
            if (progress is not null)
            {
                // With a result, every report the server sent before it reaches the handler before the call returns.
                await _progress.UnregisterAsync(token, drain: answered).ConfigureAwait(false);
            }
        }
    }

    public string? DescribeEnd()
    {
        IReadOnlyList<string>? standardError = _standardError?.Snapshot();
        Task<ClientCompletionDetails> completion = _client.Completion;
        SessionEnd? end = completion.IsCompletedSuccessfully ? SessionEnd.From(completion.Result, standardError) : null;

        // The transport closes before the SDK fails the calls on it and completes the client: look there too.
        end ??= SessionEnd.Find(failure: null, _transport.Connected?.Completion, standardError);
        return end?.DescribeWithLastError();
    }

    public Task PingAsync(CancellationToken cancellationToken) =>
        _client.PingAsync(options: null, cancellationToken).AsTask();

    /// <summary>Sends <c>tools/list</c>, every page; for <see cref="McpConnectionOptions.ValidateToolsOnConnect"/>.</summary>
    public async Task<IReadOnlyList<Tool>> ListToolsAsync(CancellationToken cancellationToken)
    {
        IList<McpClientTool> tools = await _client.ListToolsAsync(options: null, cancellationToken).ConfigureAwait(false);
        return tools.Select(t => t.ProtocolTool).ToArray();
    }

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
            try
            {
                if (_companion is not null)
                {
                    await _companion.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                LiveResourceCounters.SessionDisposed();
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Connecting to {Endpoint} with {Tried} failed because {Reason}; retrying with {Next} on a new transport.")]
        public static partial void ProtocolNegotiationRetry(ILogger logger, string endpoint, string tried, string reason, string next, Exception exception);

        [LoggerMessage(21, LogLevel.Debug, "Connected to {Endpoint} with protocol version {ProtocolVersion} ({How}).")]
        public static partial void ProtocolNegotiated(ILogger logger, string endpoint, string? protocolVersion, string how);
    }
}
