using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace McpSdk.Engine;

/// <summary>
/// A Streamable HTTP session: one POST per outgoing message, whose response (a JSON body, or an event stream that may
/// carry server requests and notifications before the reply) is read and delivered on the thread that read it; the GET
/// stream for what the server sends on its own; resumption of a broken stream with <c>Last-Event-ID</c> after the
/// server's <c>retry</c> delay; <c>DELETE</c> of the session on dispose.
/// </summary>
/// <remarks>
/// A request the server turns away fails alone, through <see cref="ILinkReader.OnRequestFailed"/>: an error status as an
/// <see cref="HttpRequestException"/> with its status code, a JSON-RPC error on an error status as a refusal the
/// invoker sends again, and 404 for the session id as the end of the session (the server no longer knows it).
/// </remarks>
internal sealed partial class HttpLink : IMessageLink
{
    private const string SessionIdHeader = "Mcp-Session-Id";
    private const string EventStream = "text/event-stream";

    // Reconnections of the GET stream without a message in between, and resumptions of one response stream.
    private const int ReconnectAttempts = 5;

    // When the server gave no retry interval: what browsers' EventSource waits.
    private static readonly TimeSpan s_defaultRetry = TimeSpan.FromSeconds(1);

    // How long the first calls wait for the GET stream to be answered (opened or refused) after initialization.
    private static readonly TimeSpan s_listenWait = TimeSpan.FromSeconds(2);

    // The DELETE on dispose: a courtesy to the server, never a reason for disposal to hang.
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient _client;
    private readonly Uri _uri;
    private readonly string _name;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly int _maxMessageSize;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();

    // Set when the GET stream's first response arrives (open or refused) or it stops trying.
    private readonly TaskCompletionSource _listenAnswered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ILinkReader _reader = null!;
    private volatile string? _sessionId;
    private volatile string? _protocolVersion;
    private volatile bool _sessionGone;
    private volatile bool _stateless;

    // The stateless form's Mcp-Param-* bindings, handed over by the connection once it has listed the tools.
    private volatile ParamHeaderTable? _paramHeaders;
    private volatile Task? _initialized;
    private string? _endReason;
    private int _ended;
    private int _disposed;

    /// <param name="client">The session's client; the link disposes it.</param>
    /// <param name="uri">The MCP endpoint.</param>
    /// <param name="name">The endpoint's name, for messages (no secrets).</param>
    /// <param name="headers">Sent with every request (values are secrets: never logged).</param>
    /// <param name="maxMessageSize">The largest message read from the server.</param>
    /// <param name="time">The connection's clock, for the server's <c>retry</c> delays.</param>
    /// <param name="logger">Where the link says what it skipped.</param>
    public HttpLink(
        HttpClient client, Uri uri, string name, IDictionary<string, string>? headers, int maxMessageSize, TimeProvider time, ILogger logger)
    {
        _client = client;
        _uri = uri;
        _name = name;
        _headers = headers is null ? [] : [.. headers];
        _maxMessageSize = maxMessageSize;
        _time = time;
        _logger = logger;
    }

    public string? SessionId => _sessionId;

    public void Start(ILinkReader reader) => _reader = reader;

    /// <summary>Starts the message's POST; its response is read and delivered by the thread that receives it.</summary>
    public void Send(ReadOnlySpan<byte> message, long requestId)
    {
        if (Volatile.Read(ref _ended) != 0)
        {
            throw new IOException($"The HTTP session with {_name} has ended ({_endReason}).");
        }

        HttpRequestMessage request = NewRequest(HttpMethod.Post, "application/json, text/event-stream", lastEventId: null);
        request.Content = new MessageContent(message);
        if (_stateless)
        {
            try
            {
                StandardHeaders.Add(request.Headers, message, _paramHeaders);
            }
            catch (McpProtocolException unsendable)
            {
                // An argument its header cannot carry: the request fails here, before anything is sent.
                request.Dispose();
                FailRequest(requestId, unsendable);
                return;
            }
        }

        Task? initialized = _initialized;
        if (initialized is null && _protocolVersion is not null)
        {
            // The first message after the handshake, notifications/initialized: servers that register their tools when it
            // arrives must see it before any call, so what follows waits for its POST to be answered (once).
            _initialized = initialized = InitializeThenListenAsync(request, requestId);
        }
        else if (initialized is { IsCompleted: false })
        {
            _ = PostAfterAsync(initialized, request, requestId);
        }
        else
        {
            _ = PostAsync(request, requestId);
        }
    }

    /// <summary>Every later request states the version.</summary>
    public void OnInitialized(string protocolVersion) => _protocolVersion = protocolVersion;

    /// <summary>The stateless form: the version and method headers on every POST, no session, no GET stream to open.</summary>
    public void UseStateless(string? protocolVersion)
    {
        _stateless = protocolVersion is not null;
        _protocolVersion = protocolVersion;
        _initialized = protocolVersion is null ? null : Task.CompletedTask;
    }

    /// <summary>From the next POST on, calls of the tools in <paramref name="table"/> carry their <c>Mcp-Param-*</c> headers.</summary>
    public void UseParamHeaders(ParamHeaderTable table)
    {
        // Handed over before every call of a bound tool (ServerTaskSupport): the same table costs a read, not a store.
        if (!ReferenceEquals(_paramHeaders, table))
        {
            _paramHeaders = table;
        }
    }

    public LinkEnd DescribeEnd() => new(null, []);

    private HttpRequestMessage NewRequest(HttpMethod method, string accept, string? lastEventId)
    {
        var request = new HttpRequestMessage(method, _uri);
        HttpRequestHeaders headers = request.Headers;
        headers.TryAddWithoutValidation("Accept", accept);
        if (_sessionId is { } session && !_stateless)
        {
            headers.TryAddWithoutValidation(SessionIdHeader, session);
        }

        if (_protocolVersion is { } version)
        {
            headers.TryAddWithoutValidation("MCP-Protocol-Version", version);
        }

        if (lastEventId is not null)
        {
            headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        foreach (KeyValuePair<string, string> header in _headers)
        {
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    private async Task PostAfterAsync(Task initialized, HttpRequestMessage request, long requestId)
    {
        await initialized.ConfigureAwait(false);
        await PostAsync(request, requestId).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends notifications/initialized, then opens the GET stream for the server's own messages, and completes once the
    /// server has answered that GET (or after <see cref="s_listenWait"/>): the calls queued behind it go out only then,
    /// since a server may send a call's requests (an elicitation) on the GET stream rather than the call's own stream,
    /// and drops them when nobody listens yet.
    /// </summary>
    private async Task InitializeThenListenAsync(HttpRequestMessage request, long requestId)
    {
        await PostAsync(request, requestId).ConfigureAwait(false);
        _ = ListenAsync();
        try
        {
            await _listenAnswered.Task.WaitAsync(s_listenWait, _time, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException)
        {
            // A GET that takes longer holds no call back; a closed link fails the calls by itself.
        }
    }

    private async Task PostAsync(HttpRequestMessage request, long requestId)
    {
        try
        {
            using (request)
            {
                // No token: HttpClient links one per request when the token can be cancelled (a linked source and two
                // registrations per message); disposal cancels the POSTs with CancelPendingRequests instead.
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None)
                    .ConfigureAwait(false);
                await ReceiveAsync(response, requestId).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            Failed(requestId, error);
        }
    }

    /// <summary>One POST's response: nothing (202), a JSON message or batch, or an event stream; or a refusal.</summary>
    private async Task ReceiveAsync(HttpResponseMessage response, long requestId)
    {
        if (_sessionId is null && !_stateless && response.Headers.NonValidated.TryGetValues(SessionIdHeader, out HeaderStringValues session))
        {
            _sessionId = session.ToString();
        }

        if (!response.IsSuccessStatusCode)
        {
            await RefusedAsync(response, requestId, "POST").ConfigureAwait(false);
            return;
        }

        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.NoContent)
        {
            return;
        }

        string contentType = ContentType(response);
        if (contentType.StartsWith(EventStream, StringComparison.OrdinalIgnoreCase))
        {
            var events = new EventStreamReader(_reader, _maxMessageSize);
            Exception? broke = null;
            Stream body = await response.Content.ReadAsStreamAsync(_closing.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                try
                {
                    // Stop at the reply: the server closes a request's stream after it (the spec), and disposing the
                    // body early lets the connection drain that end itself, a read without the parser's layers above it.
                    await events.ReadAsync(body, until: requestId, _closing.Token).ConfigureAwait(false);
                }
                catch (IOException error) when (requestId != 0 && events.LastEventId is not null && !_closing.IsCancellationRequested)
                {
                    broke = error;
                }
            }

            if (requestId != 0 && _reader.IsPending(requestId))
            {
                await ResumeAsync(events, requestId, broke).ConfigureAwait(false);
            }
        }
        else if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await JsonBody.ReadAsync(response.Content, _reader, _maxMessageSize, _logger, _name, _closing.Token).ConfigureAwait(false);
            if (requestId != 0 && _reader.IsPending(requestId))
            {
                FailRequest(requestId, new IOException($"{_name} answered the POST of request {requestId} with a JSON body that does not hold its reply."));
            }
        }
        else if (requestId != 0)
        {
            FailRequest(requestId, new HttpRequestException(
                $"{_name} answered with content type '{contentType}', neither application/json nor text/event-stream: it does not speak MCP's Streamable HTTP there; check the endpoint's URI and McpHttpOptions.TransportMode.",
                inner: null,
                response.StatusCode));
        }
    }

    /// <summary>
    /// A response stream ended before the reply to <paramref name="requestId"/>: it is resumed with GET and
    /// <c>Last-Event-ID</c> after the server's <c>retry</c> delay where the server gave an event id, a bounded number of
    /// times; otherwise the request fails.
    /// </summary>
    private async Task ResumeAsync(EventStreamReader events, long requestId, Exception? broke)
    {
        for (int attempt = 1; attempt <= ReconnectAttempts && events.LastEventId is not null; attempt++)
        {
            await Task.Delay(events.Retry ?? s_defaultRetry, _time, _closing.Token).ConfigureAwait(false);
            using HttpRequestMessage request = NewRequest(HttpMethod.Get, EventStream, events.LastEventId);
            try
            {
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _closing.Token)
                    .ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    await RefusedAsync(response, requestId, "GET to resume the response stream of").ConfigureAwait(false);
                    return;
                }

                if (!ContentType(response).StartsWith(EventStream, StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }

                Stream body = await response.Content.ReadAsStreamAsync(_closing.Token).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    if (await events.ReadAsync(body, requestId, _closing.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
            catch (Exception error) when (error is IOException or HttpRequestException && !_closing.IsCancellationRequested)
            {
                broke = error;
            }

            if (!_reader.IsPending(requestId))
            {
                return;
            }
        }

        FailRequest(requestId, new IOException(
            events.LastEventId is null
                ? $"The response stream of request {requestId} from {_name} ended before its reply, with no event id to resume it from{Because(broke)}."
                : $"The response stream of request {requestId} from {_name} ended before its reply, and resuming it (GET with Last-Event-ID, {ReconnectAttempts} attempts) did not bring the reply{Because(broke)}.",
            broke));
    }

    private static string Because(Exception? error) => error is null ? string.Empty : $" ({error.Message})";

    /// <summary>
    /// The GET stream for the server's own requests and notifications: reconnected with <c>Last-Event-ID</c> after the
    /// server's <c>retry</c> delay when it drops, until <see cref="ReconnectAttempts"/> reconnections in a row brought no
    /// message. A server that does not offer one (405, or any other refusal) is left alone: the POSTs carry everything.
    /// </summary>
    private async Task ListenAsync()
    {
        var events = new EventStreamReader(_reader, _maxMessageSize);
        int failures = 0;
        try
        {
            while (true)
            {
                using (HttpRequestMessage request = NewRequest(HttpMethod.Get, EventStream, events.LastEventId))
                {
                    try
                    {
                        using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _closing.Token)
                            .ConfigureAwait(false);
                        _listenAnswered.TrySetResult();
                        if (!response.IsSuccessStatusCode || !ContentType(response).StartsWith(EventStream, StringComparison.OrdinalIgnoreCase))
                        {
                            Log.NoGetStream(_logger, _name, (int)response.StatusCode);
                            return;
                        }

                        int before = events.Messages;
                        Stream body = await response.Content.ReadAsStreamAsync(_closing.Token).ConfigureAwait(false);
                        await using (body.ConfigureAwait(false))
                        {
                            await events.ReadAsync(body, until: 0, _closing.Token).ConfigureAwait(false);
                        }

                        failures = events.Messages > before ? 0 : failures + 1;
                    }
                    catch (Exception error) when (error is IOException or HttpRequestException && !_closing.IsCancellationRequested)
                    {
                        _listenAnswered.TrySetResult();
                        failures++;
                    }
                }

                if (Volatile.Read(ref _ended) != 0)
                {
                    return;
                }

                if (failures >= ReconnectAttempts)
                {
                    Log.GetStreamGaveUp(_logger, _name, failures);
                    return;
                }

                await Task.Delay(events.Retry ?? s_defaultRetry, _time, _closing.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (ObjectDisposedException) when (_closing.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (McpMessageTooLargeException tooLarge)
        {
            End(tooLarge.Message, tooLarge);
        }
        finally
        {
            _listenAnswered.TrySetResult();
        }
    }

    /// <summary>
    /// An error status for request <paramref name="requestId"/>: 404 for the session's id ends the session (the server
    /// no longer knows it); 401 and 403 fail the request with their status (refused credentials); a JSON-RPC error is a
    /// refusal before the server handled the request; anything else fails it with its status.
    /// </summary>
    private async Task RefusedAsync(HttpResponseMessage response, long requestId, string what)
    {
        HttpStatusCode status = response.StatusCode;
        string answered = $"{_name} answered the {what} request {requestId} with HTTP {(int)status} ({status})";
        if (status == HttpStatusCode.NotFound && _sessionId is { } session)
        {
            var gone = new SessionUnusableException(
                $"{answered}: the server no longer knows HTTP session {session} (it restarted, or expired the session); the pool opens a new one",
                new HttpRequestException(answered, inner: null, status));
            _sessionGone = true;
            FailRequest(requestId, gone);
            End($"the server no longer knows HTTP session {session} (HTTP 404)", gone);
            return;
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            FailRequest(requestId, new HttpRequestException(answered, inner: null, status));
            return;
        }

        JsonRpcErrorBody? error = ContentType(response).StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            ? await JsonRpcErrorBody.ReadAsync(response.Content, _closing.Token).ConfigureAwait(false)
            : null;
        if (error is { } refusal)
        {
            var protocol = new McpProtocolException($"Request failed (remote): {refusal.Message}", (McpErrorCode)refusal.Code);
            FailRequest(requestId, _protocolVersion is null || _stateless
                ? protocol
                : new SessionUnusableException(
                    $"{answered} without handling it ({refusal.Message}); it may no longer know HTTP session {_sessionId}", protocol));
            return;
        }

        FailRequest(requestId, new HttpRequestException(answered, inner: null, status));
    }

    /// <summary>The response's Content-Type as sent (unparsed, so nothing is allocated for it), or empty.</summary>
    internal static string ContentType(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Type", out HeaderStringValues type) ? type.ToString() : string.Empty;

    /// <summary>How a POST or its reading failed: the request alone fails, unless the link closed or a message was too large.</summary>
    private void Failed(long requestId, Exception error)
    {
        if (_closing.IsCancellationRequested)
        {
            return; // disposed: the session fails what was pending
        }

        switch (error)
        {
            case McpMessageTooLargeException tooLarge:
                End(tooLarge.Message, tooLarge);
                break;
            case HttpRequestException:
                FailRequest(requestId, error);
                break;
            case IOException:
                FailRequest(requestId, new IOException($"The response to request {requestId} from {_name} broke off ({error.Message}).", error));
                break;
            default:
                Log.PostFailed(_logger, _name, requestId, error);
                FailRequest(requestId, new IOException($"The POST of request {requestId} to {_name} failed ({error.GetType().Name}: {error.Message}).", error));
                break;
        }
    }

    private void FailRequest(long requestId, Exception error)
    {
        if (requestId != 0)
        {
            _reader.OnRequestFailed(requestId, error);
        }
        else
        {
            // A notification, or our answer to a server request: nobody waits for it.
            Log.MessageNotDelivered(_logger, _name, error.Message);
        }
    }

    private void End(string reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _endReason = reason;
            _reader?.OnEnded(Volatile.Read(ref _disposed) != 0 ? "the session was closed" : reason, error);
        }
    }

    /// <summary>Cancels every request in flight and the GET stream, then ends the HTTP session with DELETE (bounded, errors ignored).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        _client.CancelPendingRequests();
        if (_sessionId is not null && !_sessionGone)
        {
            try
            {
                using var timeout = new CancellationTokenSource(s_closeTimeout, _time);
                using HttpRequestMessage request = NewRequest(HttpMethod.Delete, "application/json, text/event-stream", lastEventId: null);
                using HttpResponseMessage response = await _client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpRequestException or IOException or OperationCanceledException)
            {
                // The server is gone or slow: it expires the session itself.
            }
        }

        End("the session was closed", null);
        _client.Dispose();
    }

    public override string ToString() => _name;

    private static partial class Log
    {
        [LoggerMessage(86, LogLevel.Debug, "{Endpoint} offers no GET stream for messages of its own (HTTP {Status}); the POSTs carry everything.")]
        public static partial void NoGetStream(ILogger logger, string endpoint, int status);

        [LoggerMessage(87, LogLevel.Warning, "The GET stream of {Endpoint} dropped {Failures} times in a row without a message; no longer listening on it (the POSTs carry the replies).")]
        public static partial void GetStreamGaveUp(ILogger logger, string endpoint, int failures);

        [LoggerMessage(89, LogLevel.Debug, "A notification or reply to {Endpoint} was not delivered: {Error}")]
        public static partial void MessageNotDelivered(ILogger logger, string endpoint, string error);

        [LoggerMessage(90, LogLevel.Warning, "The POST of request {RequestId} to {Endpoint} failed unexpectedly.")]
        public static partial void PostFailed(ILogger logger, string endpoint, long requestId, Exception error);
    }
}
