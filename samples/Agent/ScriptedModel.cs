using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Agent;

/// <summary>
/// A local stand-in for a model, deterministic and offline: its first answer asks for several tool calls at once, its
/// second reads their results and answers. It prints both directions of the conversation.
/// </summary>
internal sealed class ScriptedModel : IChatClient
{
    private static readonly (string Tool, string Arguments)[] s_calls =
    [
        ("get-structured-content", """{"location":"Chicago"}"""),
        ("get-structured-content", """{"location":"New York"}"""),
        ("get-structured-content", """{"location":"Los Angeles"}"""),
        ("get-sum", """{"a":1,"b":2}"""),
        ("trigger-long-running-operation", """{"duration":0.2}"""),
        ("trigger-long-running-operation", """{"duration":0.2}"""),
        ("trigger-long-running-operation", """{"duration":0.2}"""),
        ("trigger-long-running-operation", """{"duration":0.2}"""),
        ("trigger-long-running-operation", """{"duration":0.2}"""),
    ];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FunctionResultContent[] results = messages.SelectMany(message => message.Contents).OfType<FunctionResultContent>().ToArray();
        return Task.FromResult(results.Length == 0 ? AskForTools(options) : Answer(results));
    }

    private static ChatResponse AskForTools(ChatOptions? options)
    {
        Console.WriteLine($"model: {options?.Tools?.Count ?? 0} tools offered; asking for {s_calls.Length} calls at once");
        var calls = new List<AIContent>();
        for (int i = 0; i < s_calls.Length; i++)
        {
            (string tool, string arguments) = s_calls[i];
            Console.WriteLine($"  call-{i + 1} {tool} {arguments}");
            using JsonDocument document = JsonDocument.Parse(arguments);
            var values = new Dictionary<string, object?>();
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.Clone();
            }

            calls.Add(new FunctionCallContent($"call-{i + 1}", tool, values));
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, calls));
    }

    private static ChatResponse Answer(FunctionResultContent[] results)
    {
        Console.WriteLine("model: results");
        foreach (FunctionResultContent result in results.OrderBy(r => int.Parse(r.CallId.AsSpan(5), provider: null)))
        {
            Console.WriteLine($"  {result.CallId} {Text(result.Result)}");
        }

        string weather = string.Join("; ", results.Take(3).Select(r => r.Result).OfType<JsonElement>()
            .Select(w => $"{w.GetProperty("temperature").GetDouble()}° and {w.GetProperty("conditions").GetString()}"));
        int jobs = results.Count(r => Text(r.Result).StartsWith("Long running operation completed", StringComparison.Ordinal));
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Chicago, New York, Los Angeles: {weather}. {Text(results[3].Result)} {jobs} jobs done."));
    }

    private static string Text(object? result) => result switch
    {
        JsonElement json => json.GetRawText(),
        null => "(nothing)",
        _ => result.ToString() ?? string.Empty,
    };

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
