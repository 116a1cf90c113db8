using System;
using System.Linq;
using Agent;
using Everything;
using McpSdk;
using Microsoft.Extensions.AI;

// A model (here a scripted local one) asks for nine tool calls at once; FunctionInvokingChatClient runs them through the
// typed functions, so each tool's policy holds: [MaxConcurrency(2)] lets at most two jobs run on the server at a time.
await using McpConnection connection = await McpConnection.OpenAsync(
    McpEndpoint.InProcess(EmbeddedEverythingServer.CreateOptions, "embedded server-everything"));
IAgentTools tools = connection.CreateClient<IAgentTools>();

using IChatClient chat = new ChatClientBuilder(new ScriptedModel())
    .UseFunctionInvocation(configure: invoking => invoking.AllowConcurrentInvocation = true)
    .Build();

ChatResponse response = await chat.GetResponseAsync(
    "What's the weather in Chicago, New York and Los Angeles, what is 1 + 2, and run five jobs.",
    new ChatOptions { Tools = [.. tools.AsAIFunctions()] });
Console.WriteLine($"answer: {response.Text}");

Console.WriteLine();
McpConnectionStats stats = connection.GetStats();
Console.WriteLine($"{"tool",-32} {"submitted",9} {"succeeded",9} {"failed",6}");
foreach ((string tool, McpToolStats toolStats) in stats.Tools.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value)))
{
    Console.WriteLine($"{tool,-32} {toolStats.Submitted,9} {toolStats.Succeeded,9} {toolStats.Failed,6}");
}

Console.WriteLine($"trigger-long-running-operation: at most {EmbeddedEverythingServer.MostLongRunsAtOnce} ran at once on the server ([MaxConcurrency(2)])");
return 0;
