using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;

namespace McpSdk.Tests.Fakes;

/// <summary>An elicitation handler that accepts every question with the same <c>name</c>, keeping the questions in order.</summary>
internal sealed class NameAnswerer(string name)
{
    public ConcurrentQueue<string> Questions { get; } = new();

    /// <summary>For <see cref="McpConnectionOptions.ElicitationHandler"/>.</summary>
    public ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? request, CancellationToken cancellationToken)
    {
        Questions.Enqueue(request!.Message);
        return ValueTask.FromResult(new ElicitResult
        {
            Action = "accept",
            Content = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement(name) },
        });
    }
}
