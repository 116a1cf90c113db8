using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Fakes;
using McpSdk.Tests.Reliability;
using Xunit;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// A tool that runs as a task on a server speaking the stateless 2026-07-28 form (the fault server, the official SDK's
/// own server) on the lean engine. Each wait is bounded (60 s) only to prove it does not hang.
/// </summary>
public sealed class StatelessTaskTests
{
    private const string Stateless = "2026-07-28";

    [Theory]
    [InlineData("stdio")]
    [InlineData("http")]
    public async Task A_task_call_asked_for_input_before_its_task_exists_is_sent_again_with_the_answer_and_followed(string transport)
    {
        await using HttpFaultServer? http = transport == "http" ? await HttpFaultServer.StartAsync(protocol: Stateless) : null;
        McpEndpoint endpoint = http is null
            ? FaultServer.Endpoint(nameof(A_task_call_asked_for_input_before_its_task_exists_is_sent_again_with_the_answer_and_followed), protocol: Stateless)
            : McpEndpoint.Http(http.Uri);
        var answerer = new NameAnswerer("Ada");
        await using McpConnection connection = await McpConnection.OpenAsync(
            endpoint, new McpConnectionOptions { Engine = McpSessionEngine.Lean, ProtocolVersion = Stateless, ElicitationHandler = answerer.AnswerAsync }, Deadline());

        // task-ask answers the task-augmented tools/call with input_required; the answer comes back in the same call,
        // sent again with the task asked for, and its reply is the task.
        string answer = await connection.CreateClient<IStatelessTaskTools>().AskAsync("Who runs this task?", Deadline());

        Assert.Equal("task-ask: accept Ada (state asked-once)", answer);
        Assert.Equal(["Who runs this task?"], answerer.Questions);
        McpToolStats stats = connection.GetStats().Tools["task-ask"];
        Assert.Equal((1, 1), (stats.Submitted, stats.Succeeded));
    }

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
