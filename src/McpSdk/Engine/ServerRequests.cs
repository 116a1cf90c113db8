using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// The server's requests to the client (elicitation, sampling, roots, ping) and its log messages, on the lean engine.
/// <c>ping</c> is answered on the reader thread; the others go to the connection's handlers on the thread pool, since a
/// handler may wait for a user.
/// </summary>
internal sealed partial class ServerRequests(LeanSession session, McpConnectionOptions options, ILogger logger)
{
    // Cancels handlers still running when the session ends.
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The capabilities to declare in <c>initialize</c>: one per handler the connection has, as the SDK declares them.</summary>
    public ClientCapabilities Capabilities()
    {
        var capabilities = new ClientCapabilities();
#pragma warning disable MCP9005 // Deprecated by 2026-07-28, still answered for servers on older versions.
        if (options.SamplingHandler is not null)
        {
            capabilities.Sampling = new SamplingCapability();
        }

        if (options.RootsHandler is not null)
        {
            capabilities.Roots = new RootsCapability();
        }
#pragma warning restore MCP9005

        if (options.ElicitationHandler is not null)
        {
            capabilities.Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() };
        }

        return capabilities;
    }

    /// <summary>A request from the server, on the reader thread.</summary>
    public void Receive(IncomingMessage request)
    {
        byte[] id = request.RawId.ToArray();
        if (request.MethodIs("ping"u8))
        {
            Answer(id, "{}"u8);
            return;
        }

        string method = request.Method;
        byte[] parameters = request.Params.ToArray();
        _ = Task.Run(() => HandleAsync(method, id, parameters));
    }

    private async Task HandleAsync(string method, byte[] id, byte[] parameters)
    {
        try
        {
            CancellationToken stopping = _stopping.Token;
#pragma warning disable MCP9005 // Deprecated by 2026-07-28, still answered for servers on older versions.
            switch (method)
            {
                case RequestMethods.ElicitationCreate when options.ElicitationHandler is { } elicit:
                    Answer(id, await elicit(Read(parameters, McpTypes.ElicitParams), stopping).ConfigureAwait(false), McpTypes.ElicitResult);
                    break;
                case RequestMethods.SamplingCreateMessage when options.SamplingHandler is { } sample:
                    CreateMessageRequestParams? sampling = Read(parameters, McpTypes.SamplingParams);
                    var progress = new ProgressToServer(session, sampling?.ProgressToken);
                    Answer(id, await sample(sampling, progress, stopping).ConfigureAwait(false), McpTypes.SamplingResult);
                    break;
                case RequestMethods.RootsList when options.RootsHandler is { } roots:
                    Answer(id, await roots(Read(parameters, McpTypes.RootsParams) ?? new ListRootsRequestParams(), stopping).ConfigureAwait(false), McpTypes.RootsResult);
                    break;
                default:
                    AnswerError(id, McpErrorCode.MethodNotFound, $"Method '{method}' is not available.");
                    break;
            }
#pragma warning restore MCP9005
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The session ended under the handler; there is nobody to answer.
        }
        catch (Exception error)
        {
            Log.HandlerFailed(logger, method, error);
            AnswerError(id, error is McpProtocolException protocol ? protocol.ErrorCode : McpErrorCode.InternalError, error.Message);
        }
    }

    /// <summary>
    /// The stateless form's input requests (an <c>input_required</c> result), answered by the same handlers at once; the
    /// first failure cancels the others, as the official SDK's client does. Runs off the reader thread.
    /// </summary>
    public async Task<IDictionary<string, InputResponse>> ResolveAsync(IDictionary<string, InputRequest> requests, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var keys = new string[requests.Count];
        var answers = new Task<InputResponse>[requests.Count];
        int i = 0;
        foreach (KeyValuePair<string, InputRequest> request in requests)
        {
            keys[i] = request.Key;
            answers[i++] = ResolveAsync(request.Value, linked.Token);
        }

        try
        {
            await Task.WhenAll(answers).ConfigureAwait(false);
        }
        catch
        {
            await linked.CancelAsync().ConfigureAwait(false);
            throw;
        }

        var responses = new Dictionary<string, InputResponse>(keys.Length, StringComparer.Ordinal);
        for (i = 0; i < keys.Length; i++)
        {
            responses[keys[i]] = await answers[i].ConfigureAwait(false);
        }

        return responses;
    }

    private async Task<InputResponse> ResolveAsync(InputRequest request, CancellationToken cancellationToken)
    {
#pragma warning disable MCP9005 // Deprecated by 2026-07-28 as server requests; still asked for as input requests.
        switch (request.Method)
        {
            case RequestMethods.ElicitationCreate when options.ElicitationHandler is { } elicit:
                ElicitRequestParams elicitation = request.ElicitationParams
                    ?? throw new McpProtocolException("The server's elicitation input request has no parameters.", McpErrorCode.InvalidParams);
                return InputResponse.FromElicitResult(await elicit(elicitation, cancellationToken).ConfigureAwait(false));
            case RequestMethods.SamplingCreateMessage when options.SamplingHandler is { } sample:
                CreateMessageRequestParams sampling = request.SamplingParams
                    ?? throw new McpProtocolException("The server's sampling input request has no parameters.", McpErrorCode.InvalidParams);
                return InputResponse.FromSamplingResult(
                    await sample(sampling, new ProgressToServer(session, sampling.ProgressToken), cancellationToken).ConfigureAwait(false));
            case RequestMethods.RootsList when options.RootsHandler is { } roots:
                return InputResponse.FromRootsResult(
                    await roots(request.RootsParams ?? new ListRootsRequestParams(), cancellationToken).ConfigureAwait(false));
            default:
                throw new McpProtocolException(
                    $"The server asked for input with '{request.Method}', and the connection has no handler for it: set McpConnectionOptions.{Handler(request.Method)}.",
                    McpErrorCode.InvalidRequest);
        }
#pragma warning restore MCP9005
    }

#pragma warning disable MCP9005 // Deprecated by 2026-07-28, named here for the message.
    private static string Handler(string method) => method switch
    {
        RequestMethods.ElicitationCreate => nameof(McpConnectionOptions.ElicitationHandler),
        RequestMethods.SamplingCreateMessage => nameof(McpConnectionOptions.SamplingHandler),
        RequestMethods.RootsList => nameof(McpConnectionOptions.RootsHandler),
        _ => "ElicitationHandler, SamplingHandler or RootsHandler (it asked for none of theirs)",
    };
#pragma warning restore MCP9005

    private static T? Read<T>(byte[] json, JsonTypeInfo<T> type) => json.Length == 0 ? default : JsonSerializer.Deserialize(json, type);

    private void Answer<T>(byte[] id, T result, JsonTypeInfo<T> type)
    {
        FrameBuilder frame = StartReply(id, "result"u8);
        JsonSerializer.Serialize(frame.Writer, result, type);
        EndReply(frame);
    }

    private void Answer(byte[] id, ReadOnlySpan<byte> rawResult)
    {
        FrameBuilder frame = StartReply(id, "result"u8);
        frame.Writer.WriteRawValue(rawResult, skipInputValidation: true);
        EndReply(frame);
    }

    private void AnswerError(byte[] id, McpErrorCode code, string message)
    {
        FrameBuilder frame = StartReply(id, "error"u8);
        JsonSerializer.Serialize(frame.Writer, new JsonRpcErrorDetail { Code = (int)code, Message = message }, McpTypes.ErrorDetail);
        EndReply(frame);
    }

    /// <summary>A reply to the server's request <paramref name="id"/>, up to its <c>result</c> or <c>error</c> member's value.</summary>
    private static FrameBuilder StartReply(byte[] id, ReadOnlySpan<byte> member)
    {
        FrameBuilder frame = FrameBuilder.Start();
        frame.StartMessage();
        frame.Writer.WritePropertyName("id"u8);
        frame.Writer.WriteRawValue(id, skipInputValidation: true);
        frame.Writer.WritePropertyName(member);
        return frame;
    }

    private void EndReply(FrameBuilder frame)
    {
        frame.Writer.WriteEndObject();
        session.TrySend(frame.Finish());
    }

    /// <summary>A <c>notifications/message</c> from the server, logged at its level.</summary>
    public void LogMessage(ReadOnlySpan<byte> parameters)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        try
        {
#pragma warning disable MCP9005 // Deprecated by 2026-07-28; servers on older versions still log.
            LoggingMessageNotificationParams? message = JsonSerializer.Deserialize(parameters, McpTypes.LoggingParams);
            if (message is not null)
            {
                Log.ServerLog(logger, message.Level.ToString(), message.Logger, message.Data.GetRawText());
            }
#pragma warning restore MCP9005
        }
        catch (JsonException)
        {
            // A malformed log message is not worth a session.
        }
    }

    /// <summary>The session ended: handlers still running are cancelled.</summary>
    public void Stop()
    {
        try
        {
            _stopping.Cancel();
        }
        catch (AggregateException error)
        {
            Log.HandlerFailed(logger, "(cancellation)", error);
        }
    }

    /// <summary>Sampling progress, sent to the server as <c>notifications/progress</c> for the request's token.</summary>
    private sealed class ProgressToServer(LeanSession session, ProgressToken? token) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            if (token is { } progressToken)
            {
                session.SendNotification(
                    NotificationMethods.ProgressNotification,
                    new ProgressNotificationParams { ProgressToken = progressToken, Progress = value },
                    McpTypes.ProgressParams);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(83, LogLevel.Warning, "The connection's handler for the server's {Method} request failed; the server gets an error.")]
        public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(84, LogLevel.Debug, "Server log ({Level}, {ServerLogger}): {Data}")]
        public static partial void ServerLog(ILogger logger, string level, string? serverLogger, string data);
    }
}
