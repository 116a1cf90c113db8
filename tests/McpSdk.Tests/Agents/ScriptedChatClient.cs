using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace McpSdk.Tests.Agents;

/// <summary>
/// A model that answers from a script: each request gets the next scripted turn (function calls, several at once, or a
/// final text). It records what it was sent, so tests see the function results the model would read.
/// </summary>
internal sealed class ScriptedChatClient(params ChatResponse[] turns) : IChatClient
{
    private readonly ConcurrentQueue<ChatResponse> _turns = new(turns);

    /// <summary>Every request's messages, in order.</summary>
    public ConcurrentQueue<IReadOnlyList<ChatMessage>> Requests { get; } = new();

    /// <summary>The function results in the last request, by call id.</summary>
    public IReadOnlyDictionary<string, FunctionResultContent> Results =>
        Requests.Last().SelectMany(message => message.Contents).OfType<FunctionResultContent>().ToDictionary(result => result.CallId);

    /// <summary>A turn in which the model asks for these calls at once.</summary>
    public static ChatResponse Calls(params FunctionCallContent[] calls) => new(new ChatMessage(ChatRole.Assistant, [.. calls]));

    /// <summary>A turn with the model's final answer.</summary>
    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>One call, its arguments as the JSON a model sends (so they arrive as JsonElements, as from a real client).</summary>
    public static FunctionCallContent Call(string id, string name, string argumentsJson) =>
        new(id, name, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson)!.ToDictionary(pair => pair.Key, pair => (object?)pair.Value));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Requests.Enqueue(messages.ToList());
        return _turns.TryDequeue(out ChatResponse? turn)
            ? Task.FromResult(turn)
            : throw new InvalidOperationException("The script has no more turns.");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
