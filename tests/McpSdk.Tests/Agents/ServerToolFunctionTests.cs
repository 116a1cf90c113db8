using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using McpSdk.Agents;
using McpSdk.Tests.Servers;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Agents;

/// <summary>
/// connection.GetAIFunctionsAsync() over the in-process test server: the server's tools, untyped, through the
/// connection's scheduler, so ToolPolicies from configuration and the connection-wide limits hold for the model's calls.
/// </summary>
public sealed class ServerToolFunctionTests
{
    private static Tool Listed(string name, string schema) =>
        new() { Name = name, Description = "The " + name + " tool.", InputSchema = JsonDocument.Parse(schema).RootElement };

    [Fact]
    public async Task Untyped_functions_carry_the_servers_schema_and_obey_the_configured_tool_policy()
    {
        var server = new TestToolServer();
        server.ListedTools.Add(Listed("slow", """{"type":"object","properties":{"milliseconds":{"type":"integer"}},"required":["milliseconds"]}"""));
        server.ListedTools.Add(Listed("echo", """{"type":"object","properties":{"message":{"type":"string"}}}"""));
        var options = new McpConnectionOptions();
        options.ToolPolicies["slow"] = new McpToolPolicy { MaxConcurrency = 1 };
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, options);

        IReadOnlyList<AIFunction> functions = await connection.GetAIFunctionsAsync();
        var model = new ScriptedChatClient(
            ScriptedChatClient.Calls(
                ScriptedChatClient.Call("1", "slow", """{"milliseconds":20}"""),
                ScriptedChatClient.Call("2", "slow", """{"milliseconds":20}"""),
                ScriptedChatClient.Call("3", "slow", """{"milliseconds":20}"""),
                ScriptedChatClient.Call("4", "echo", """{"message":"hi"}""")),
            ScriptedChatClient.Answer("done"));
        using var chat = new FunctionInvokingChatClient(model) { AllowConcurrentInvocation = true };
        ChatResponse response = await chat.GetResponseAsync("Go.", new ChatOptions { Tools = [.. functions] });

        Assert.Equal(["slow", "echo"], functions.Select(f => f.Name));
        Assert.Equal("The slow tool.", functions[0].Description);
        Assert.Equal(server.ListedTools[0].InputSchema.GetRawText(), functions[0].JsonSchema.GetRawText());
        Assert.Equal("done", response.Text);
        Assert.Equal(1, server.MaxConcurrentSlowCalls);
        Assert.Equal("slow done", model.Results["1"].Result);
        Assert.Equal("Echo: hi", model.Results["4"].Result);
        McpConnectionStats stats = connection.GetStats();
        Assert.Equal(3, stats.Tools["slow"].Succeeded);
        Assert.Equal(1, stats.Tools["echo"].Succeeded);
    }

    [Fact]
    public async Task An_untyped_tool_error_comes_back_to_the_model_as_result_text()
    {
        var server = new TestToolServer();
        server.ListedTools.Add(Listed("fail", """{"type":"object","properties":{"reason":{"type":"string"}}}"""));
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        AIFunction fail = Assert.Single(await connection.GetAIFunctionsAsync(new McpAIFunctionOptions { Names = { ["fail"] = "break_it" } }));

        object? result = await fail.InvokeAsync(new AIFunctionArguments { ["reason"] = "on purpose" });

        Assert.Equal("break_it", fail.Name);
        Assert.Equal("fail", ((McpAIFunction)fail).ToolName);
        Assert.Contains("the tool broke: on purpose", Assert.IsType<string>(result), System.StringComparison.Ordinal);
        Assert.Equal(1, connection.GetStats().Tools["fail"].Failed);
    }
}
