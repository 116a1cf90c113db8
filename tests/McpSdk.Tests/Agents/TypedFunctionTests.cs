using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Agents;
using ModelContextProtocol.Protocol;
using McpSdk.Diagnostics;
using McpSdk.Tests.Fakes;
using Microsoft.Extensions.AI;
using Xunit;

namespace McpSdk.Tests.Agents;

/// <summary>
/// The generated AsAIFunctions() under FunctionInvokingChatClient with a scripted model, over the real scheduler and
/// proxies on a scripted session: the model's calls obey the tools' policies and are counted like the code's.
/// </summary>
public sealed class TypedFunctionTests
{
    private static CallToolResult Forecast(string city) => ScriptedCall.Text($$"""{"city":"{{city}}","temperature":3.5,"units":"Metric"}""");

    [Fact]
    public async Task Parallel_function_calls_from_the_model_never_run_more_than_MaxConcurrency_at_once()
    {
        var held = new HeldCalls();
        var session = new ScriptedSession(held.Hold);
        await using McpConnection connection = TestConnections.Create(session);
        string[] cities = ["Oslo", "Lima", "Pune", "Kyiv", "Rome", "Nuuk"];
        var model = new ScriptedChatClient(
            ScriptedChatClient.Calls(cities.Select((city, i) => ScriptedChatClient.Call("c" + i, "agent-forecast", $$"""{"city":"{{city}}"}""")).ToArray()),
            ScriptedChatClient.Answer("Cold everywhere."));
        using var chat = new FunctionInvokingChatClient(model) { AllowConcurrentInvocation = true };
        var options = new ChatOptions { Tools = [.. connection.CreateClient<IAgentTools>().AsAIFunctions()] };

        Task<ChatResponse> response = chat.GetResponseAsync("Weather?", options);
        await held.WaitForAsync(2);

        // Six requested at once; the tool's two slots hold two, the rest wait in its line.
        Assert.Equal(2, session.StartedCount);
        Assert.Equal(4, connection.GetStats().Tools["agent-forecast"].Queued.Total);
        for (int i = 0; i < cities.Length; i++)
        {
            string arguments = await held.ReleaseNextAsync(Forecast("somewhere"));
            Assert.Contains("\"units\":\"metric\"", arguments, StringComparison.Ordinal); // the default, sent by its wire name
        }

        Assert.Equal("Cold everywhere.", (await response).Text);
        Assert.Equal(2, session.MaxInFlight("agent-forecast"));
        McpToolStats stats = connection.GetStats().Tools["agent-forecast"];
        Assert.Equal(6, stats.Submitted);
        Assert.Equal(6, stats.Succeeded);
        Assert.All(model.Results.Values, result => Assert.Equal(3.5, ((JsonElement)result.Result!).GetProperty("temperature").GetDouble()));
    }

    [Fact]
    public async Task A_call_refused_by_a_rejecting_RateLimit_comes_back_to_the_model_as_result_text()
    {
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session);
        var model = new ScriptedChatClient(
            ScriptedChatClient.Calls(ScriptedChatClient.Call("first", "agent-quota", """{"id":1}""")),
            ScriptedChatClient.Calls(ScriptedChatClient.Call("second", "agent-quota", """{"id":2}""")),
            ScriptedChatClient.Answer("One call was allowed."));
        using var chat = new FunctionInvokingChatClient(model);
        var options = new ChatOptions { Tools = [.. connection.CreateClient<IAgentTools>().AsAIFunctions()] };

        ChatResponse response = await chat.GetResponseAsync("Call twice.", options);

        Assert.Equal("One call was allowed.", response.Text);
        string refused = Assert.IsType<string>(model.Results["second"].Result);
        Assert.StartsWith("Error: Tool 'agent-quota' is limited to 1 call per 3600 s", refused, StringComparison.Ordinal);
        Assert.Equal(1, session.StartedCount);
        McpToolStats stats = connection.GetStats().Tools["agent-quota"];
        Assert.Equal(2, stats.Submitted);
        Assert.Equal(1, stats.Rejected);
    }

    [Fact]
    public async Task Cancelling_the_chat_request_cancels_the_running_tool_calls()
    {
        var held = new HeldCalls();
        var tokens = new ConcurrentQueue<CancellationToken>();
        var session = new ScriptedSession(call =>
        {
            tokens.Enqueue(call.CancellationToken);
            return held.Hold(call);
        });
        await using McpConnection connection = TestConnections.Create(session);
        var model = new ScriptedChatClient(
            ScriptedChatClient.Calls(
                ScriptedChatClient.Call("a", "agent-forecast", """{"city":"Oslo"}"""),
                ScriptedChatClient.Call("b", "agent-forecast", """{"city":"Lima"}""")),
            ScriptedChatClient.Answer("never read"));
        using var chat = new FunctionInvokingChatClient(model) { AllowConcurrentInvocation = true };
        var options = new ChatOptions { Tools = [.. connection.CreateClient<IAgentTools>().AsAIFunctions()] };
        using var cancellation = new CancellationTokenSource();

        Task<ChatResponse> response = chat.GetResponseAsync("Weather?", options, cancellation.Token);
        await held.WaitForAsync(2);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => response);
        Assert.Equal(2, tokens.Count);
        Assert.All(tokens, token => Assert.True(token.IsCancellationRequested));
        McpToolStats stats = connection.GetStats().Tools["agent-forecast"];
        Assert.Equal(2, stats.Cancelled);
        Assert.Equal(0, stats.InFlight);
    }

    [Fact]
    public async Task Each_function_invocation_is_one_call_in_the_statistics_and_one_span()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == McpSdkTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("gen_ai.tool.name") as string == "agent-echo")
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var session = new ScriptedSession(call => ValueTask.FromResult(ScriptedCall.Text("echo " + call.Arguments)));
        await using McpConnection connection = TestConnections.Create(session);
        var model = new ScriptedChatClient(
            ScriptedChatClient.Calls(
                ScriptedChatClient.Call("1", "agent-echo", """{"message":"a"}"""),
                ScriptedChatClient.Call("2", "agent-echo", """{"message":"b","times":2}"""),
                ScriptedChatClient.Call("3", "agent-echo", """{"message":"c","times":null}""")),
            ScriptedChatClient.Answer("done"));
        using var chat = new FunctionInvokingChatClient(model) { AllowConcurrentInvocation = true };

        await chat.GetResponseAsync("Echo.", new ChatOptions { Tools = [.. connection.CreateClient<IAgentTools>().AsAIFunctions()] });

        Assert.Equal(3, connection.GetStats().Tools["agent-echo"].Submitted);
        Assert.Equal(3, session.StartedCount);
        Assert.Equal(3, spans.Count);
        Assert.Equal(["{\"message\":\"a\"}", "{\"message\":\"b\",\"times\":2}", "{\"message\":\"c\"}"], session.Starts.Order(StringComparer.Ordinal));
        Assert.Equal("echo {\"message\":\"a\"}", model.Results["1"].Result);
    }

    [Fact]
    public async Task Malformed_or_missing_arguments_come_back_naming_the_argument_and_nothing_is_sent()
    {
        var session = new ScriptedSession();
        await using McpConnection connection = TestConnections.Create(session);
        AIFunction forecast = connection.CreateClient<IAgentTools>().AsAIFunctions().Single(f => f.Name == "agent-forecast");

        object? wrongType = await forecast.InvokeAsync(new AIFunctionArguments { ["city"] = JsonDocument.Parse("42").RootElement });
        object? missing = await forecast.InvokeAsync(new AIFunctionArguments { ["units"] = "Metric" });
        object? unknownUnit = await forecast.InvokeAsync(new AIFunctionArguments { ["city"] = "Oslo", ["units"] = "Kelvin" });

        Assert.StartsWith("Error: Argument 'city' of tool 'agent-forecast' cannot be read as String", Assert.IsType<string>(wrongType), StringComparison.Ordinal);
        Assert.Equal("Error: Argument 'city' of tool 'agent-forecast' is required and was not given; call again with a value for it.", missing);
        Assert.StartsWith("Error: Argument 'units' of tool 'agent-forecast' cannot be read as Units", Assert.IsType<string>(unknownUnit), StringComparison.Ordinal);
        Assert.Equal(0, session.StartedCount);
    }

    [Fact]
    public async Task With_ThrowOnError_a_tool_error_is_thrown_as_McpToolException()
    {
        var session = new ScriptedSession(_ => ValueTask.FromResult(ScriptedCall.Error("no such city")));
        await using McpConnection connection = TestConnections.Create(session);
        IAgentTools tools = connection.CreateClient<IAgentTools>();
        AIFunction thrown = tools.AsAIFunctions(new McpAIFunctionOptions { ThrowOnError = true }).Single(f => f.Name == "agent-forecast");
        AIFunction returned = tools.AsAIFunctions().Single(f => f.Name == "agent-forecast");

        var error = await Assert.ThrowsAsync<McpToolException>(async () => await thrown.InvokeAsync(new AIFunctionArguments { ["city"] = "Atlantis" }));
        object? text = await returned.InvokeAsync(new AIFunctionArguments { ["city"] = "Atlantis" });

        Assert.Equal("agent-forecast", error.ToolName);
        Assert.Equal("Error: " + error.Message, text);
    }

    [Fact]
    public async Task Functions_carry_the_tool_name_or_its_override_the_doc_summary_and_the_typed_result_as_json()
    {
        var session = new ScriptedSession(_ => ValueTask.FromResult(Forecast("Oslo")));
        await using McpConnection connection = TestConnections.Create(session);
        IAgentTools tools = connection.CreateClient<IAgentTools>();

        IReadOnlyList<AIFunction> functions = tools.AsAIFunctions(new McpAIFunctionOptions { Names = { ["agent-echo"] = "echo" } });
        object? result = await functions[0].InvokeAsync(new AIFunctionArguments { ["city"] = "Oslo", ["units"] = "Imperial" });

        Assert.Equal(["agent-forecast", "agent-quota", "echo"], functions.Select(f => f.Name));
        Assert.Equal("agent-echo", Assert.IsType<McpAIFunction>(functions[2]).ToolName);
        Assert.Equal("Looks up the forecast for a city.", functions[0].Description);
        Assert.Equal("A tool the model may call once an hour.", functions[1].Description);
        Assert.Equal("The city's name.", functions[0].JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("description").GetString());
        Assert.Equal("""{"city":"Oslo","temperature":3.5,"units":"metric"}""", ((JsonElement)result!).GetRawText());
        Assert.Equal("""{"city":"Oslo","units":"imperial"}""", Assert.Single(session.Starts));
    }
}
