using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Endpoints;
using McpSdk.Invocation;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// An <see cref="IMcpSession"/> on McpSdk's lean engine: requests are written straight from the proxy's pre-serialised
/// arguments, replies are matched by id in a lock-free table and complete their callers inline on the link's reader
/// thread, with no thread-pool hop per message. Everything it serialises uses the official SDK's protocol types and
/// JSON metadata (<see cref="McpJsonUtilities"/>).
/// </summary>
internal sealed partial class LeanSession : IMcpSession, ILinkReader
{
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private readonly ConcurrentQueue<PendingReply<CallToolResult>> _callWaiters = new();
    private readonly IMessageLink _link;
    private readonly McpConnectionOptions _options;
    private readonly ProgressRouter _progress;
    private readonly ServerRequests _serverRequests;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    // The stateless form's per-request _meta members, serialised once (StatelessMeta); empty on an initialize session.
    private byte[] _requestMeta = [];
    private string? _endReason;
    private Exception? _endError;
    private volatile bool _ended;
    private int _disposed;

    // The stateless form is the session whose requests carry _meta members: set before server/discover goes out.
    private bool StatelessForm => _requestMeta.Length != 0;

    private LeanSession(IMessageLink link, McpConnectionOptions options, ILoggerFactory loggerFactory)
    {
        _link = link;
        _options = options;
        _logger = loggerFactory.CreateLogger("McpSdk.LeanEngine");
        _progress = new ProgressRouter(loggerFactory.CreateLogger("McpSdk.Progress"));
        _serverRequests = new ServerRequests(this, options, _logger);
        LiveResourceCounters.SessionOpened();
    }

    public string? SessionId => _link.SessionId;

    public string? ProtocolVersion { get; private set; }

    public Task Completion => _completion.Task;

    /// <summary>
    /// Starts <paramref name="endpoint"/>'s server process and opens the session: the <c>initialize</c> handshake or the
    /// stateless form's <c>server/discover</c>, as <see cref="McpConnectionOptions.ProtocolVersion"/> pins or negotiation
    /// finds (LeanSession.Handshake.cs).
    /// </summary>
    public static Task<LeanSession> ConnectAsync(
        Endpoints.StdioEndpoint endpoint, McpConnectionOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        StdioLink link;
        try
        {
            link = StdioLink.Launch(endpoint.CreateStartInfo(), endpoint.Name, options.MaxMessageSize);
        }
        catch (Exception failure) when (failure is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            throw OpenFailure.NotStarted(endpoint, failure);
        }

        return ConnectAsync(endpoint, link, options, loggerFactory, cancellationToken);
    }

    /// <summary>Opens the session over <paramref name="link"/>, which the session then owns.</summary>
    public static async Task<LeanSession> ConnectAsync(
        McpEndpoint endpoint, IMessageLink link, McpConnectionOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var session = new LeanSession(link, options, loggerFactory);
        link.Start(session);
        try
        {
            await session.HandshakeAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch (Exception failure)
        {
            // What the link said before it went, for the message; then make sure it is gone.
            string? end = session._ended ? session._endReason : null;
            await session.DisposeAsync().ConfigureAwait(false);
            if (OpenFailure.StaysAsIs(failure, cancellationToken.IsCancellationRequested))
            {
                throw;
            }

            LinkEnd linkEnd = link.DescribeEnd();
            throw OpenFailure.Ended(endpoint, failure, end, linkEnd.ExitCode, linkEnd.StandardError);
        }
    }

    // Pooled: one per call with progress, on the hot path of a progress-reporting tool.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CallToolResult> CallWithProgressAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress> progress, CancellationToken cancellationToken)
    {
        long token = _progress.Register(progress);
        bool answered = false;
        try
        {
            CallToolResult result = await SendCall(toolName, arguments, token, cancellationToken).ConfigureAwait(false);
            answered = true;
            return result;
        }
        finally
        {
            // With a result, every report the server sent before it reaches the handler before the call returns.
            await _progress.UnregisterAsync(token, drain: answered).ConfigureAwait(false);
        }
    }

    public ValueTask<CallToolResult> CallToolAsync(
        string toolName, ToolArguments arguments, IProgress<McpProgress>? progress, CancellationToken cancellationToken) =>
        progress is null
            ? SendCall(toolName, arguments, progressToken: null, cancellationToken)
            : CallWithProgressAsync(toolName, arguments, progress, cancellationToken);

    /// <summary>Sends <c>tools/call</c>; its reply completes the returned task on the reader thread.</summary>
    private ValueTask<CallToolResult> SendCall(string toolName, ToolArguments arguments, long? progressToken, CancellationToken cancellationToken) =>
        SendCall(_callWaiters, McpTypes.CallToolResult, toolName, arguments, progressToken, taskTtl: null, cancellationToken);

    /// <summary>
    /// Sends <c>tools/call</c>, task-augmented when <paramref name="taskTtl"/> is set (its reply then is a task or the
    /// result, read as <typeparamref name="T"/>); its reply completes the returned task on the reader thread.
    /// </summary>
    // Inlined, so the plain call's hot path keeps its exact type (no shared-generic lookups for CallToolResult).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueTask<T> SendCall<T>(
        ConcurrentQueue<PendingReply<T>>? waiters, JsonTypeInfo<T> type, string toolName, ToolArguments arguments, long? progressToken, long? taskTtl,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        long id = Interlocked.Increment(ref _nextId);
        PendingReply<T> waiter = PendingReply<T>.Rent(waiters);
        waiter.Prepare(this, id, RequestMethods.ToolsCall, toolName, type);
        if (StatelessForm)
        {
            // The stateless form may answer with input_required: the call is then sent again with the answers.
            waiter.KeepCall(toolName, arguments, progressToken, taskTtl);
        }

        ValueTask<T> reply = waiter.AsValueTask();
        if (!Enter(waiter, cancellationToken))
        {
            return reply;
        }

        SendCallFrame(waiter, id, toolName, arguments, progressToken, taskTtl, inputResponses: null, requestState: null);
        return reply;
    }

    /// <summary>
    /// Writes and sends one <c>tools/call</c>: the name, the sealed argument JSON as is, the <c>task</c> asked for, the
    /// <c>_meta</c> (progress token, the stateless form's members), and when the server asked for input, the answers
    /// and its request state.
    /// </summary>
    private void SendCallFrame(
        PendingRequest waiter, long id, string toolName, ToolArguments arguments, long? progressToken, long? taskTtl,
        IDictionary<string, InputResponse>? inputResponses, string? requestState)
    {
        FrameBuilder frame = FrameBuilder.Start();
        try
        {
            Utf8JsonWriter writer = frame.Writer;
            frame.StartMessage();
            writer.WriteNumber("id"u8, id);
            writer.WriteString("method"u8, "tools/call"u8);
            writer.WritePropertyName("params"u8);
            writer.WriteStartObject();
            writer.WriteString("name"u8, toolName);
            writer.WritePropertyName("arguments"u8);
            writer.WriteRawValue(arguments.Json, skipInputValidation: true);
            if (taskTtl is long ttl)
            {
                writer.WritePropertyName("task"u8);
                writer.WriteStartObject();
                writer.WriteNumber("ttl"u8, ttl);
                writer.WriteEndObject();
            }

            frame.WriteMeta(_requestMeta, progressToken);
            if (inputResponses is not null)
            {
                writer.WritePropertyName("inputResponses"u8);
                JsonSerializer.Serialize(writer, inputResponses, McpTypes.InputResponses);
            }

            if (requestState is not null)
            {
                writer.WriteString("requestState"u8, requestState);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        catch (Exception error)
        {
            // A name that cannot be written (a lone surrogate): the call fails here rather than waiting for a reply.
            frame.Abandon();
            if (_pending.TryRemove(id, out _))
            {
                waiter.SetException(error, resumeAsync: false);
            }

            return;
        }

        Transmit(waiter, frame.Finish());
    }

    /// <summary>Puts <paramref name="waiter"/> in the table; false when it already failed (the session ended, or the token fired).</summary>
    private bool Enter(PendingRequest waiter, CancellationToken cancellationToken)
    {
        _pending[waiter.Id] = waiter;
        if (_ended)
        {
            // The end's sweep may have run before the request was in the table: fail it here.
            if (_pending.TryRemove(waiter.Id, out _))
            {
                waiter.SetException(Ended(), resumeAsync: false);
            }

            return false;
        }

        waiter.WatchCancellation(cancellationToken);

        // A token that fired while registering has already failed the request: nothing to send.
        return _pending.ContainsKey(waiter.Id);
    }

    private void Transmit(PendingRequest waiter, ReadOnlySpan<byte> message)
    {
        try
        {
            _link.Send(message, waiter.Id);
        }
        catch (IOException error)
        {
            if (_pending.TryRemove(waiter.Id, out _))
            {
                waiter.SetException(_ended ? Ended() : error, resumeAsync: false);
            }
        }
    }

    /// <summary>Sends a request with typed params and reads its typed result.</summary>
    internal ValueTask<TResult> RequestAsync<TParams, TResult>(
        string method, TParams? parameters, JsonTypeInfo<TParams>? parametersType, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        long id = Interlocked.Increment(ref _nextId);
        PendingReply<TResult> waiter = PendingReply<TResult>.Rent(pool: null);
        waiter.Prepare(this, id, method, subject: null, resultType);
        ValueTask<TResult> reply = waiter.AsValueTask();
        if (!Enter(waiter, cancellationToken))
        {
            return reply;
        }

        FrameBuilder frame = FrameBuilder.Start();
        try
        {
            frame.StartMessage();
            frame.Writer.WriteNumber("id"u8, id);
            frame.Writer.WriteString("method"u8, method);
            if (StatelessForm)
            {
                // The stateless form: every request states its version, client info and capabilities in params._meta.
                frame.Writer.WritePropertyName("params"u8);
                frame.Writer.WriteStartObject();
                frame.WriteMeta(_requestMeta, progressToken: null);
                if (parameters is not null && parametersType is not null)
                {
                    byte[] own = JsonSerializer.SerializeToUtf8Bytes(parameters, parametersType);
                    frame.WriteMembers(own.AsSpan()[1..^1].Trim(" \t\r\n"u8));
                }

                frame.Writer.WriteEndObject();
            }
            else if (parameters is not null && parametersType is not null)
            {
                frame.Writer.WritePropertyName("params"u8);
                JsonSerializer.Serialize(frame.Writer, parameters, parametersType);
            }

            frame.Writer.WriteEndObject();
        }
        catch (Exception error)
        {
            frame.Abandon();
            if (_pending.TryRemove(id, out _))
            {
                waiter.SetException(error, resumeAsync: false);
            }

            return reply;
        }

        Transmit(waiter, frame.Finish());
        return reply;
    }

    /// <summary>Sends a notification; a closed link drops it (the session's end fails what depended on it).</summary>
    internal void SendNotification<TParams>(string method, TParams parameters, JsonTypeInfo<TParams> parametersType)
    {
        FrameBuilder frame = FrameBuilder.Start();
        try
        {
            frame.StartMessage();
            frame.Writer.WriteString("method"u8, method);
            frame.Writer.WritePropertyName("params"u8);
            JsonSerializer.Serialize(frame.Writer, parameters, parametersType);
            frame.Writer.WriteEndObject();
        }
        catch
        {
            frame.Abandon();
            throw;
        }

        TrySend(frame.Finish());
    }

    private void SendNotification(string method)
    {
        FrameBuilder frame = FrameBuilder.Start();
        frame.StartMessage();
        frame.Writer.WriteString("method"u8, method);
        frame.Writer.WriteEndObject();
        TrySend(frame.Finish());
    }

    internal void TrySend(ReadOnlySpan<byte> message)
    {
        try
        {
            _link.Send(message, requestId: 0);
        }
        catch (IOException)
        {
            // The link is closed; the session's end is reported through OnEnded.
        }
    }

    /// <summary>The caller's token fired: fail the request (resuming the caller off this thread) and tell the server.</summary>
    internal void Cancel(PendingRequest pending, CancellationToken cancellationToken)
    {
        long id = pending.Id;
        if (!_pending.TryRemove(new KeyValuePair<long, PendingRequest>(id, pending)))
        {
            return;
        }

        pending.SetException(new OperationCanceledException(cancellationToken), resumeAsync: true);
        if (!_ended)
        {
            SendNotification(
                NotificationMethods.CancelledNotification,
                new CancelledNotificationParams { RequestId = new RequestId(id), Reason = "The client cancelled the request." },
                McpTypes.CancelledParams);
        }
    }

    /// <summary>Sends <c>ping</c>; the stateless form has none, and <c>server/discover</c> takes its place.</summary>
    public Task PingAsync(CancellationToken cancellationToken) => StatelessForm
        ? RequestAsync(RequestMethods.ServerDiscover, new DiscoverRequestParams(), McpTypes.DiscoverParams, McpTypes.DiscoverResult, cancellationToken).AsTask()
        : RequestAsync<JsonElement, JsonElement>(RequestMethods.Ping, default, parametersType: null, McpTypes.Element, cancellationToken).AsTask();

    /// <summary>Sends <c>tools/list</c>, every page.</summary>
    public async Task<IReadOnlyList<Tool>> ListToolsAsync(CancellationToken cancellationToken)
    {
        var tools = new List<Tool>();
        string? cursor = null;
        do
        {
            ListToolsResult page = await RequestAsync(
                RequestMethods.ToolsList, cursor is null ? null : new ListToolsRequestParams { Cursor = cursor }, McpTypes.ListToolsParams,
                McpTypes.ListToolsResult, cancellationToken).ConfigureAwait(false);
            tools.AddRange(page.Tools);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return tools;
    }

    /// <summary>One incoming message, on the reader thread: a reply completes its caller here; the rest is routed.</summary>
    public void OnMessage(ReadOnlySpan<byte> message)
    {
        if (!System.Text.Unicode.Utf8.IsValid(message))
        {
            // As a text reader would: invalid bytes become U+FFFD rather than failing the reply that carries them.
            message = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(message));
        }

        IncomingMessage incoming;
        try
        {
            if (!IncomingMessage.TryRead(message, out incoming))
            {
                Log.NotAMessage(_logger, message.Length);
                return;
            }
        }
        catch (JsonException error)
        {
            // A malformed line must not end a session that carries other calls.
            Log.MalformedMessage(_logger, message.Length, error.Message);
            return;
        }

        if (incoming.IsResponse)
        {
            if (!incoming.HasNumericId || !_pending.TryRemove(incoming.Id, out PendingRequest? pending))
            {
                Log.UnknownReply(_logger, System.Text.Encoding.UTF8.GetString(incoming.RawId));
                return;
            }

            if (!incoming.Error.IsEmpty)
            {
                pending.SetException(RemoteError(incoming.Error), resumeAsync: false);
            }
            else if (StatelessForm && InputRequired.Is(incoming.Result))
            {
                OnInputRequired(pending, incoming.Result);
            }
            else
            {
                pending.SetResult(incoming.Result.IsEmpty ? "null"u8 : incoming.Result);
            }

            return;
        }

        if (!incoming.HasMethod)
        {
            Log.NotAMessage(_logger, message.Length);
        }
        else if (incoming.HasId)
        {
            _serverRequests.Receive(incoming);
        }
        else if (incoming.MethodIs("notifications/progress"u8))
        {
            _progress.Observe(incoming.Params);
        }
        else if (incoming.MethodIs("notifications/message"u8))
        {
            _serverRequests.LogMessage(incoming.Params);
        }
        else if (incoming.MethodIs("notifications/tasks/status"u8))
        {
            _taskStatuses.Observe(incoming.Params);
        }
    }

    /// <summary>The server's JSON-RPC error, as the official SDK raises it for a remote error.</summary>
    private static McpProtocolException RemoteError(ReadOnlySpan<byte> error)
    {
        JsonRpcErrorDetail? detail;
        try
        {
            detail = JsonSerializer.Deserialize(error, McpTypes.ErrorDetail);
        }
        catch (JsonException)
        {
            detail = null;
        }

        detail ??= new JsonRpcErrorDetail { Code = (int)McpErrorCode.InternalError, Message = "(an unreadable error object)" };
        var exception = new McpProtocolException($"Request failed (remote): {detail.Message}", (McpErrorCode)detail.Code);
        if (detail.Data is JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            foreach (JsonProperty property in data.EnumerateObject())
            {
                exception.Data[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return exception;
    }

    /// <summary>A request the link could not deliver (HTTP): it alone fails, on the thread that found out.</summary>
    public void OnRequestFailed(long requestId, Exception error)
    {
        if (_pending.TryRemove(requestId, out PendingRequest? pending))
        {
            pending.SetException(error, resumeAsync: false);
        }
    }

    public bool IsPending(long requestId) => _pending.ContainsKey(requestId);

    /// <summary>The link ended: every request still waiting fails as a lost session, and <see cref="Completion"/> completes.</summary>
    public void OnEnded(string reason, Exception? error)
    {
        _endReason = reason;
        _endError = error;
        _ended = true;
        foreach (KeyValuePair<long, PendingRequest> entry in _pending)
        {
            if (_pending.TryRemove(entry.Key, out PendingRequest? pending))
            {
                pending.SetException(Ended(), resumeAsync: true);
            }
        }

        _serverRequests.Stop();
        _completion.TrySetResult();
    }

    /// <summary>What a request on an ended session fails with: the size limit, or a lost link.</summary>
    private Exception Ended() => _endError is McpMessageTooLargeException tooLarge
        ? new McpMessageTooLargeException(tooLarge.Limit)
        : new IOException($"The session ended: {_endReason}.", _endError);

    public string? DescribeEnd() => _ended && Volatile.Read(ref _disposed) == 0 ? _endReason : null;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _link.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            OnEnded("the session was closed", null);
            LiveResourceCounters.SessionDisposed();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(80, LogLevel.Warning, "The server sent a line of {Length} bytes that is not JSON ({Error}); skipped.")]
        public static partial void MalformedMessage(ILogger logger, int length, string error);

        [LoggerMessage(81, LogLevel.Warning, "The server sent a message of {Length} bytes that is not a JSON-RPC message; skipped.")]
        public static partial void NotAMessage(ILogger logger, int length);

        [LoggerMessage(82, LogLevel.Debug, "The server sent a reply with id {Id}, which no request is waiting for (cancelled, or not ours); skipped.")]
        public static partial void UnknownReply(ILogger logger, string id);
    }
}
