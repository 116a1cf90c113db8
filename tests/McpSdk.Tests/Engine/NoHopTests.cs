using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Peers;
using McpSdk.Tests.Reliability;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Engine;

/// <summary>
/// Tests that read <see cref="ThreadPool.CompletedWorkItemCount"/>, a process-wide count: they run alone, after the
/// parallel tests, or the work items of every test running meanwhile (an HTTP test completes thousands) are counted too.
/// </summary>
[CollectionDefinition(nameof(ThreadPoolCounts), DisableParallelization = true)]
public sealed class ThreadPoolCounts
{
}

/// <summary>The lean engine's rule: no thread-pool hop per message, counted where it can be.</summary>
[Collection(nameof(ThreadPoolCounts))]
public sealed class NoHopTests(ITestOutputHelper output)
{
    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Replies_to_10000_pipelined_calls_complete_without_a_thread_pool_work_item_each()
    {
        const int Calls = 10_000;
        long lean = await WorkItemsForCallsAsync(McpSessionEngine.Lean, Calls);
        long sdk = await WorkItemsForCallsAsync(McpSessionEngine.Sdk, Calls);
        output.WriteLine($"thread-pool work items completed during {Calls:N0} calls, 64 in flight: lean engine {lean:N0}, SDK engine {sdk:N0}");

        // The count is process-wide (the test host's own work runs meanwhile), so the bound is loose; the SDK engine, which
        // dispatches each message on the pool, shows what the count looks like with a hop per reply.
        Assert.True(lean < Calls / 4, $"The lean engine completed {lean:N0} work items for {Calls:N0} calls.");
        Assert.True(sdk >= Calls, $"The SDK engine completed only {sdk:N0} work items for {Calls:N0} calls: the measurement does not see hops.");
    }

    private static async Task<long> WorkItemsForCallsAsync(McpSessionEngine engine, int calls)
    {
        var servers = new ServerProcesses();
        await using McpConnection connection = await McpConnection.OpenAsync(
            FaultServer.Endpoint(servers.Marker), new McpConnectionOptions { Engine = engine, MaxCallsPerSession = 64 });
        ILeanEngineTools tools = connection.CreateClient<ILeanEngineTools>();
        await RunAsync(tools, 1_000); // warm: JIT, pools

        long before = ThreadPool.CompletedWorkItemCount;
        await RunAsync(tools, calls);
        return ThreadPool.CompletedWorkItemCount - before;
    }

    // 64 workers, each awaiting one call at a time: every reply's continuation sends the worker's next request.
    private static Task RunAsync(ILeanEngineTools tools, int calls)
    {
        int next = 0;
        return Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= calls)
            {
                Assert.Equal("ok", await tools.OkAsync(Deadline()));
            }
        })));
    }
}
