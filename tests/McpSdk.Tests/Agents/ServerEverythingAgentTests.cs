using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Peers;
using Microsoft.Extensions.AI;
using Xunit;

namespace McpSdk.Tests.Agents;

/// <summary>A scripted model calling the real reference server over stdio, typed and untyped.</summary>
public sealed class ServerEverythingAgentTests : IAsyncLifetime
{
    private McpConnection _connection = null!;

    public async Task InitializeAsync() => _connection = await McpConnection.OpenAsync(PeerServers.ServerEverythingStdio());

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task A_model_calls_typed_functions_at_once_and_reads_text_and_structured_results()
    {
        IReadOnlyList<AIFunction> functions = _connection.CreateClient<IServerEverything>().AsAIFunctions();
        var model = new ScriptedChatClient(
            ScriptedChatClient.Calls(
                ScriptedChatClient.Call("sum", "get-sum", """{"a":1,"b":2}"""),
                ScriptedChatClient.Call("echo", "echo", """{"message":"hello"}"""),
                ScriptedChatClient.Call("weather", "get-structured-content", """{"location":"Chicago"}""")),
            ScriptedChatClient.Answer("3, hello, rain"));
        using var chat = new FunctionInvokingChatClient(model) { AllowConcurrentInvocation = true };

        ChatResponse response = await chat.GetResponseAsync("Go.", new ChatOptions { Tools = [.. functions] });

        // Methods that share a tool give one function, the first declared.
        Assert.Equal(functions.Select(f => f.Name).Distinct().Count(), functions.Count);
        Assert.Equal("3, hello, rain", response.Text);
        Assert.Equal("The sum of 1 and 2 is 3.", model.Results["sum"].Result);
        Assert.Equal("Echo: hello", model.Results["echo"].Result);
        Assert.Equal(36, ((JsonElement)model.Results["weather"].Result!).GetProperty("temperature").GetDouble());
        McpConnectionStats stats = _connection.GetStats();
        Assert.Equal(1, stats.Tools["get-sum"].Submitted);
        Assert.Equal(1, stats.Tools["echo"].Submitted);
        Assert.Equal(1, stats.Tools["get-structured-content"].Submitted);
    }

    [Fact]
    public async Task The_servers_own_tools_become_functions_with_its_input_schemas()
    {
        IReadOnlyList<AIFunction> functions = await _connection.GetAIFunctionsAsync();
        AIFunction sum = functions.Single(f => f.Name == "get-sum");

        object? result = await sum.InvokeAsync(new AIFunctionArguments { ["a"] = 2, ["b"] = 3 });

        Assert.Contains(functions, f => f.Name == "echo");
        Assert.True(sum.JsonSchema.GetProperty("properties").TryGetProperty("a", out _));
        Assert.Equal("The sum of 2 and 3 is 5.", result);
        Assert.Equal(1, _connection.GetStats().Tools["get-sum"].Succeeded);
    }
}
