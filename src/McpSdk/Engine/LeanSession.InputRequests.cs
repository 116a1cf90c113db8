using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// The stateless form's server requests: a <c>tools/call</c> (plain or task-augmented) answered with <c>input_required</c>
/// is taken off the table, its input requests go to the connection's handlers (off the reader thread: a handler may wait
/// for a user), and the call is sent again under a new id with their responses and the server's request state, as the
/// official SDK's client does.
/// </summary>
internal sealed partial class LeanSession
{
    // As the official SDK's client: a server that keeps asking is failing, not asking.
    private const int MaxInputRounds = 10;

    /// <summary>On the reader thread: <paramref name="pending"/> (off the table now) was answered with input_required.</summary>
    private void OnInputRequired(PendingRequest pending, ReadOnlySpan<byte> result)
    {
        switch (pending)
        {
            case PendingReply<CallToolResult> { Arguments: not null } call:
                OnInputRequired(call, result);
                break;
            case PendingReply<JsonElement> { Arguments: not null } taskCall:
                // A task-augmented tools/call: asked before the task exists, answered the same way (its reply is then the task).
                OnInputRequired(taskCall, result);
                break;
            default:
                pending.SetException(
                    new McpProtocolException($"The server answered {pending.Describe()} with input_required; the lean engine answers input requests for tools/call only.", McpErrorCode.InvalidRequest),
                    resumeAsync: false);
                break;
        }
    }

    private void OnInputRequired<T>(PendingReply<T> call, ReadOnlySpan<byte> result)
    {
        InputRequiredResult? asked;
        try
        {
            asked = JsonSerializer.Deserialize(result, McpTypes.InputRequiredResult);
        }
        catch (JsonException error)
        {
            call.SetException(new JsonException($"The server's input_required answer to {call.Describe()} could not be read: {error.Message}", error), resumeAsync: false);
            return;
        }

        _ = Task.Run(() => AnswerAsync(call, asked!));
    }

    private async Task AnswerAsync<T>(PendingReply<T> call, InputRequiredResult asked)
    {
        CancellationToken caller = call.CallerToken;
        IDictionary<string, InputResponse>? responses = null;
        try
        {
            if (++call.InputRounds > MaxInputRounds)
            {
                throw new McpProtocolException(
                    $"The server answered {call.Describe()} with input_required more than {MaxInputRounds} times; the call is abandoned.", McpErrorCode.InvalidRequest);
            }

            if (asked.InputRequests is { Count: > 0 } requests)
            {
                responses = await _serverRequests.ResolveAsync(requests, caller).ConfigureAwait(false);
            }
            else if (asked.RequestState is null)
            {
                throw new McpProtocolException(
                    $"The server answered {call.Describe()} with input_required but neither input requests nor request state.", McpErrorCode.InvalidRequest);
            }
        }
        catch (Exception error)
        {
            call.SetException(
                _ended ? Ended() : error is OperationCanceledException && caller.IsCancellationRequested ? new OperationCanceledException(caller) : error,
                resumeAsync: false);
            return;
        }

        long id = Interlocked.Increment(ref _nextId);
        call.Readdress(id);
        _pending[id] = call;
        if (_ended || caller.IsCancellationRequested)
        {
            // The end's sweep or the caller's cancellation may have come while the call was off the table.
            if (_pending.TryRemove(id, out _))
            {
                call.SetException(_ended ? Ended() : new OperationCanceledException(caller), resumeAsync: false);
            }

            return;
        }

        SendCallFrame(call, id, call.ToolName!, call.Arguments!, call.ProgressToken, call.TaskTtl, responses, asked.RequestState);
    }
}
