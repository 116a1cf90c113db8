using System;
using System.Text.Json;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// How a lean session opens: the <c>initialize</c> handshake (2024-11-05 … 2025-11-25) or the stateless 2026-07-28 form
/// (<c>server/discover</c>, then every request carries its protocol version, client info and capabilities in
/// <c>_meta</c>; no <c>notifications/initialized</c>, no HTTP session).
/// </summary>
/// <remarks>
/// With the version open, <c>initialize</c> goes first, as it did before the stateless form existed: today's servers
/// answer it in one round trip, where probing <c>server/discover</c> first (the official SDK's default) would cost every
/// one of them a refused request on every session. A server that answers <c>initialize</c> with a JSON-RPC error gets
/// <c>server/discover</c> next on the same connection, and the endpoint remembers it, so the pool's later sessions to it
/// send <c>server/discover</c> first; if that is ever refused as unknown (the server changed), they fall back to
/// <c>initialize</c> and forget. A pinned version is used exactly, in its own form.
/// </remarks>
internal sealed partial class LeanSession
{
    // Endpoints whose server answered server/discover after refusing initialize. Weakly keyed: it goes with the endpoint.
    private static readonly ConditionalWeakTable<McpEndpoint, string> s_stateless = new();

    private async Task HandshakeAsync(McpEndpoint endpoint, CancellationToken cancellationToken)
    {
        await NegotiateAsync(endpoint, cancellationToken).ConfigureAwait(false);
        Log.Opened(_logger, endpoint.Name, ProtocolVersion!, LeanProtocol.IsStateless(ProtocolVersion) ? "server/discover" : "initialize");
    }

    private async Task NegotiateAsync(McpEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (_options.ProtocolVersion is { } pinned)
        {
            if (LeanProtocol.IsStateless(pinned))
            {
                await DiscoverAsync(pinned, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await InitializeAsync(pinned, exact: true, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (s_stateless.TryGetValue(endpoint, out string? learned))
        {
            try
            {
                await DiscoverAsync(learned, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception unknown) when (IsDiscoverUnknown(unknown) && !cancellationToken.IsCancellationRequested && !_ended)
            {
                Log.DiscoverUnknown(_logger, endpoint.Name, unknown.Message);
                s_stateless.Remove(endpoint);
                UseInitializeForm();
            }

            try
            {
                await InitializeAsync(LeanProtocol.Newest, exact: false, cancellationToken).ConfigureAwait(false);
            }
            catch (InitializeRefusedException refusal)
            {
                ExceptionDispatchInfo.Throw(refusal.Refusal);
            }

            return;
        }

        McpProtocolException refused;
        try
        {
            await InitializeAsync(LeanProtocol.Newest, exact: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (InitializeRefusedException refusal) when (!cancellationToken.IsCancellationRequested && !_ended)
        {
            refused = refusal.Refusal;
            Log.InitializeRefused(_logger, endpoint.Name, refused.Message);
        }

        try
        {
            await DiscoverAsync(LeanProtocol.Stateless, cancellationToken).ConfigureAwait(false);
        }
        catch (McpProtocolException failure)
        {
            throw new McpProtocolException(
                $"The server refused both ways to open a session: initialize at {LeanProtocol.Newest} ({refused.Message}) and server/discover at {LeanProtocol.Stateless} ({failure.Message}). Pin McpConnectionOptions.ProtocolVersion to a version it speaks.",
                failure,
                failure.ErrorCode);
        }

        s_stateless.AddOrUpdate(endpoint, LeanProtocol.Stateless);
    }

    /// <summary>
    /// The <c>initialize</c> handshake at <paramref name="protocolVersion"/>, accepting another version the server offers
    /// that the engine speaks with it unless <paramref name="exact"/>. A JSON-RPC error in answer is an
    /// <see cref="InitializeRefusedException"/> when the version is open, so that negotiation can try the stateless form.
    /// </summary>
    private async Task InitializeAsync(string protocolVersion, bool exact, CancellationToken cancellationToken)
    {
        var parameters = new InitializeRequestParams
        {
            ProtocolVersion = protocolVersion,
            ClientInfo = _options.ClientInfo ?? McpConnectionOptions.DefaultClientInfo,
            Capabilities = _serverRequests.Capabilities(),
        };
        JsonElement reply;
        try
        {
            // Raw first: the SDK's InitializeResult drops the tasks capability.
            reply = await RequestAsync(
                RequestMethods.Initialize, parameters, McpTypes.InitializeParams, McpTypes.Element, cancellationToken).ConfigureAwait(false);
        }
        catch (McpProtocolException refusal) when (!exact)
        {
            throw new InitializeRefusedException(refusal);
        }

        InitializeResult result = reply.Deserialize(McpTypes.InitializeResult)
            ?? throw new JsonException("The server answered initialize with a null result.");
        ReadTaskCapability(reply);

        string offered = result.ProtocolVersion;
        if (offered != protocolVersion && (exact || !LeanProtocol.HasInitialize(offered)))
        {
            throw new McpProtocolException(
                $"The server offered protocol version {offered}, which {(exact ? "is not the version pinned by McpConnectionOptions.ProtocolVersion" : "the lean engine does not speak with initialize")} ({protocolVersion} was asked).",
                McpErrorCode.InvalidRequest);
        }

        ProtocolVersion = offered;
        _link.OnInitialized(offered);
        SendNotification(NotificationMethods.InitializedNotification);
    }

    /// <summary>
    /// The stateless form at <paramref name="protocolVersion"/>: from here on every request carries the per-request
    /// <c>_meta</c> (serialised once, here), and <c>server/discover</c> checks that the server speaks the version.
    /// </summary>
    private async Task DiscoverAsync(string protocolVersion, CancellationToken cancellationToken)
    {
        _requestMeta = StatelessMeta.Members(
            protocolVersion, _options.ClientInfo ?? McpConnectionOptions.DefaultClientInfo, _serverRequests.Capabilities());
        _link.UseStateless(protocolVersion);
        JsonElement reply = await RequestAsync(
            RequestMethods.ServerDiscover, new DiscoverRequestParams(), McpTypes.DiscoverParams, McpTypes.Element, cancellationToken).ConfigureAwait(false);
        DiscoverResult result = reply.Deserialize(McpTypes.DiscoverResult)
            ?? throw new JsonException("The server answered server/discover with a null result.");
        ReadTaskCapability(reply);
        if (result.SupportedVersions is not { } supported || !supported.Contains(protocolVersion))
        {
            throw new McpProtocolException(
                $"The server's server/discover lists protocol versions {string.Join(", ", result.SupportedVersions ?? [])}, not {protocolVersion}; leave McpConnectionOptions.ProtocolVersion unset to negotiate, or pin one it lists.",
                McpErrorCode.UnsupportedProtocolVersion);
        }

        ProtocolVersion = protocolVersion;
    }

    /// <summary>Back to the <c>initialize</c> form after a refused <c>server/discover</c>.</summary>
    private void UseInitializeForm()
    {
        _requestMeta = [];
        _link.UseStateless(null);
    }

    /// <summary>
    /// Whether <c>server/discover</c> failed the way a server without it answers (as the official SDK judges it): a
    /// JSON-RPC error other than the three the stateless form defines for it, or HTTP 400/404 without one.
    /// </summary>
    private static bool IsDiscoverUnknown(Exception failure) => failure switch
    {
        McpProtocolException protocol => protocol.ErrorCode is not (
            McpErrorCode.UnsupportedProtocolVersion or McpErrorCode.MissingRequiredClientCapability or McpErrorCode.HeaderMismatch),
        HttpRequestException { StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.NotFound } => true,
        _ => false,
    };

    /// <summary>The server answered <c>initialize</c> with a JSON-RPC error while the version was open.</summary>
    private sealed class InitializeRefusedException(McpProtocolException refusal) : Exception(refusal.Message, refusal)
    {
        public McpProtocolException Refusal { get; } = refusal;
    }

    private static partial class Log
    {
        [LoggerMessage(91, LogLevel.Information, "{Endpoint} refused the lean engine's initialize ({Error}); opening the stateless 2026-07-28 form with server/discover.")]
        public static partial void InitializeRefused(ILogger logger, string endpoint, string error);

        [LoggerMessage(92, LogLevel.Information, "{Endpoint} no longer answers server/discover ({Error}); opening with initialize, as before it spoke the stateless form.")]
        public static partial void DiscoverUnknown(ILogger logger, string endpoint, string error);

        [LoggerMessage(93, LogLevel.Debug, "Connected to {Endpoint} on the lean engine with protocol version {ProtocolVersion} ({How}).")]
        public static partial void Opened(ILogger logger, string endpoint, string protocolVersion, string how);
    }
}
