using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Peers;

/// <summary>Generated proxies against the real reference server, over stdio (a node child process).</summary>
public sealed class ServerEverythingTests : IAsyncLifetime
{
    private McpConnection _connection = null!;
    private IServerEverything _tools = null!;

    public async Task InitializeAsync()
    {
        _connection = await McpConnection.OpenAsync(PeerServers.ServerEverythingStdio());
        _tools = _connection.CreateClient<IServerEverything>();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Echo_returns_the_servers_text()
    {
        Assert.Equal("Echo: hello", await _tools.EchoAsync("hello"));
    }

    [Fact]
    public async Task Get_sum_returns_the_sentence_with_the_sum()
    {
        Assert.Equal("The sum of 1 and 2 is 3.", await _tools.GetSumAsync(1, 2));
    }

    [Fact]
    public async Task Structured_content_is_read_into_a_record()
    {
        Assert.Equal(new Weather(36, "Light rain / drizzle", 82), await _tools.GetWeatherAsync("Chicago"));
    }

    [Fact]
    public async Task A_plain_csharp_enum_argument_reaches_the_server_in_the_lower_case_spelling_its_schema_lists()
    {
        Assert.Equal("Operation completed successfully", await _tools.GetAnnotatedMessageAsync(MessageKind.Success));
    }

    [Fact]
    public async Task Arguments_the_server_rejects_raise_McpToolException_with_the_servers_text()
    {
        var error = await Assert.ThrowsAsync<McpToolException>(() => _tools.GetSumOfTextAsync("one", 2));

        Assert.Equal("get-sum", error.ToolName);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorText));
        Assert.Contains(error.ErrorText, error.Message);
        Assert.True(error.Result.IsError);
    }

    [Fact]
    public async Task Structured_content_of_another_shape_raises_McpResultMismatchException()
    {
        var error = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.GetWindAsync("Chicago"));

        Assert.Equal("get-structured-content", error.ToolName);
        Assert.StartsWith("$.structuredContent", error.JsonPath);
        Assert.Equal(typeof(Wind), error.ExpectedType);
    }

    [Fact]
    public async Task Long_running_operation_reports_every_step_before_its_result()
    {
        var steps = new List<McpProgress>();
        var progress = new InlineProgress(p => { lock (steps) { steps.Add(p); } });

        CallToolResult result = await _tools.RunLongAsync(duration: 0.3, steps: 3, progress);

        Assert.Equal([1d, 2d, 3d], steps.Select(p => p.Progress));
        Assert.All(steps, p => Assert.Equal(3d, p.Total));
        Assert.StartsWith("Long running operation completed.", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Fact]
    public async Task Concurrent_calls_on_one_session_all_complete()
    {
        string[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _tools.GetSumAsync(i, 1)));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"The sum of {i} and 1 is {i + 1}."), results);
    }

    private sealed class InlineProgress(Action<McpProgress> report) : IProgress<McpProgress>
    {
        public void Report(McpProgress value) => report(value);
    }
}
