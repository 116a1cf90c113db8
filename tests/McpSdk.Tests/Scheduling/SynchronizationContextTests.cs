using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Servers;
using Xunit;

namespace McpSdk.Tests.Scheduling;

/// <summary>
/// UI frameworks and classic ASP.NET run continuations on one thread. The library must never need that thread
/// back to finish its own work (ConfigureAwait(false) all the way), or a caller that blocks on it deadlocks.
/// </summary>
public sealed class SynchronizationContextTests
{
    [Fact]
    public async Task Awaiting_proxy_calls_on_a_single_threaded_context_completes_queued_and_running_calls()
    {
        string[] results = await SingleThreadContext.RunAsync(async () =>
        {
            var server = new TestToolServer();
            await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
            ISlowTools tools = connection.CreateClient<ISlowTools>();

            // Ten calls against a limit of four: six wait in the queue and resume on this context.
            string[] slow = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => tools.SlowAsync(5)));
            string echo = await tools.EchoAsync("on the context");
            return slow.Append(echo).ToArray();
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(11, results.Length);
        Assert.Equal("Echo: on the context", results[^1]);
    }

    [Fact]
    public async Task Blocking_on_a_call_from_the_context_thread_does_not_deadlock()
    {
        string result = await SingleThreadContext.RunAsync(async () =>
        {
            var server = new TestToolServer();
            await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
            ISlowTools tools = connection.CreateClient<ISlowTools>();

            // Sync-over-async in the caller: bad practice, but the library must not be the reason it hangs.
            return tools.EchoAsync("blocked").GetAwaiter().GetResult();
        }).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("Echo: blocked", result);
    }

    /// <summary>A synchronization context that runs every posted callback on one dedicated thread.</summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();

        public static Task<T> RunAsync<T>(Func<Task<T>> body)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                var context = new SingleThreadContext();
                SetSynchronizationContext(context);
                Task<T> task = body();
                task.ContinueWith(_ => context._queue.CompleteAdding(), TaskScheduler.Default);
                foreach ((SendOrPostCallback callback, object? state) in context._queue.GetConsumingEnumerable())
                {
                    callback(state);
                }

                if (task.IsCompletedSuccessfully)
                {
                    done.SetResult(task.Result);
                }
                else
                {
                    done.SetException(task.Exception?.InnerExceptions ?? [new TaskCanceledException()]);
                }
            })
            {
                IsBackground = true,
                Name = "single-threaded context",
            };
            thread.Start();
            return done.Task;
        }

        public override void Post(SendOrPostCallback d, object? state)
        {
            try
            {
                _queue.Add((d, state));
            }
            catch (InvalidOperationException)
            {
                // The loop has ended; late callbacks (after the body finished) have nothing left to do.
            }
        }

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();
    }
}
