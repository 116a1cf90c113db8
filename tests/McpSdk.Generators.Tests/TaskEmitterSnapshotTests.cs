using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// MCP tasks in the emitted code (baselines in Snapshots/, as <see cref="EmitterSnapshotTests"/>; the output must
/// compile with no error and no warning): <c>[RunAsTask]</c> in the method's static policy, and methods returning
/// <c>McpTask&lt;T&gt;</c> starting the task through <c>ToolInvoker.StartTaskAsync</c> with the reader a plain <c>T</c> gets.
/// </summary>
public sealed class TaskEmitterSnapshotTests
{
    [Fact]
    public async Task RunAsTask_on_the_interface_is_every_methods_default_and_a_methods_own_replaces_it_with_its_time_to_live()
    {
        var test = new McpGeneratorTest("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using McpSdk;

            namespace Research;

            [McpClient]
            [RunAsTask(TimeToLiveSeconds = 600), Timeout(120_000)]
            public interface IResearchTools
            {
                [McpTool("simulate-research-query")]
                Task<string> ResearchAsync(string topic, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

                [McpTool("summarize"), RunAsTask]
                Task<string> SummarizeAsync(string text);

                [McpTool("translate"), RunAsTask(TimeToLiveSeconds = 60)]
                Task<string> TranslateAsync(string text);
            }

            [McpClient]
            public interface IPlainTools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);

                [McpTool("slow-echo"), RunAsTask(TimeToLiveSeconds = 30), Retry(2)]
                ValueTask<string> SlowEchoAsync(string message);
            }
            """);

        IReadOnlyDictionary<string, string> generated = await Snapshot.VerifyAsync(test);

        string plain = generated["Research.IPlainTools.g.cs"];
        Assert.DoesNotContain("RunAsTask", plain.Substring(0, plain.IndexOf("s_slowEchoAsync", System.StringComparison.Ordinal)), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_returning_McpTask_start_the_task_with_the_reader_of_its_value_for_every_result_shape()
    {
        var test = new McpGeneratorTest("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using McpSdk;
            using ModelContextProtocol.Protocol;

            namespace Handles;

            public sealed record Report(string Title, string Body);

            [McpClient]
            public interface IHandleTools
            {
                [McpTool("text")]
                Task<McpTask<string>> StartTextAsync(string topic, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

                [McpTool("json"), RunAsTask(TimeToLiveSeconds = 60), Timeout(5_000)]
                ValueTask<McpTask<Report>> StartReportAsync(string topic, CancellationToken cancellationToken = default);

                [McpTool("raw")]
                Task<McpTask<CallToolResult>> StartRawAsync();

                [McpTool("with-result")]
                Task<McpTask<McpToolResult<Report>>> StartWithResultAsync();

                [McpTool("nullable-text")]
                Task<McpTask<string?>> StartMaybeTextAsync();

                [McpTool("nullable-json")]
                ValueTask<McpTask<Report?>> StartMaybeReportAsync();

                [McpTool("nullable-handle")]
                Task<McpTask<int>?> StartCountAsync();

                [McpTool("json")]
                Task<Report> ReportAsync(string topic);
            }
            """);

        IReadOnlyDictionary<string, string> generated = await Snapshot.VerifyAsync(test);

        string proxy = generated["Handles.IHandleTools.g.cs"];
        // The plain method on the same tool reads with the handle's reader: one reader per value type.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(proxy, "ToolResultReader<global::Handles.Report> "));
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Matches(proxy, @"StartTaskAsync\(").Count);
    }
}
