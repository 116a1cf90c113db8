using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Scheduling;
using McpSdk.Tests.Fakes;
using Xunit;

namespace McpSdk.Tests.Scheduling;

/// <summary>
/// Where a waiting call resumes. A cancelled or failed waiter must not run its caller's code inside the thread that
/// cancels or fails it (a user's <c>cts.Cancel()</c>, the connection's disposal, a failed pool): like
/// System.Threading.Channels, those complete asynchronously. A granted waiter resumes inline on the releasing
/// thread, which saves a thread-pool hop per hand-off.
/// </summary>
public sealed class WaiterResumptionTests
{
    // Set only around the call under test, on the thread that makes it.
    [ThreadStatic]
    private static bool t_inside;

    [Fact]
    public async Task A_waiter_cancelled_by_its_token_resumes_off_the_cancelling_thread()
    {
        using var scheduler = new PriorityScheduler(null, null, 8, TimeProvider.System);
        ToolGate gate = OneSlotTaken(scheduler);
        using var cts = new CancellationTokenSource();
        Task<Resumption> resumed = ResumptionOf(scheduler.AcquireAsync(gate, McpPriority.Normal, RateLimitMode.Wait, cts.Token));

        Inside(cts.Cancel);

        Resumption resumption = await resumed;
        Assert.IsType<OperationCanceledException>(resumption.Error);
        Assert.False(resumption.Inside, "The cancelled waiter's continuation ran inside cts.Cancel().");
    }

    [Fact]
    public async Task A_waiter_failed_by_disposing_the_scheduler_resumes_off_the_disposing_thread()
    {
        var scheduler = new PriorityScheduler(null, null, 8, TimeProvider.System);
        ToolGate gate = OneSlotTaken(scheduler);
        Task<Resumption> resumed = ResumptionOf(scheduler.AcquireAsync(gate, McpPriority.Normal, RateLimitMode.Wait, default));

        Inside(scheduler.Dispose);

        Resumption resumption = await resumed;
        Assert.IsType<ObjectDisposedException>(resumption.Error);
        Assert.False(resumption.Inside, "The failed waiter's continuation ran inside Dispose().");
    }

    [Fact]
    public async Task A_waiter_failed_by_FailWaiting_resumes_off_the_failing_thread()
    {
        using var scheduler = new PriorityScheduler(null, null, 8, TimeProvider.System);
        ToolGate gate = OneSlotTaken(scheduler);
        Task<Resumption> resumed = ResumptionOf(scheduler.AcquireAsync(gate, McpPriority.Normal, RateLimitMode.Wait, default));
        var failure = new InvalidOperationException("no session could be opened");

        Inside(() => scheduler.FailWaiting(_ => failure));

        Resumption resumption = await resumed;
        Assert.Same(failure, resumption.Error);
        Assert.False(resumption.Inside, "The failed waiter's continuation ran inside FailWaiting().");
    }

    [Fact]
    public async Task A_granted_waiter_resumes_inline_on_the_releasing_thread()
    {
        using var scheduler = new PriorityScheduler(null, null, 8, TimeProvider.System);
        ToolGate gate = OneSlotTaken(scheduler);
        Task<Resumption> resumed = ResumptionOf(scheduler.AcquireAsync(gate, McpPriority.Normal, RateLimitMode.Wait, default));

        Inside(() => scheduler.Release(gate));

        Resumption resumption = await resumed;
        Assert.Null(resumption.Error);
        Assert.True(resumption.Inside, "The granted waiter was not handed its slot inline.");
        scheduler.Release(gate);
    }

    [Fact]
    public async Task A_queued_proxy_call_cancelled_by_the_caller_completes_off_the_cancelling_thread()
    {
        var held = new HeldCalls();
        await using McpConnection connection = TestConnections.Create(new ScriptedSession(held.Hold));
        IPolicyTools tools = connection.CreateClient<IPolicyTools>();
        Task<string> running = tools.NormalAsync(0);
        await held.WaitForAsync(1);
        using var cts = new CancellationTokenSource();
        Task<string> queued = tools.NormalAsync(1, cts.Token);
        Task<bool> completedInside = queued.ContinueWith(
            static _ => t_inside, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        Inside(cts.Cancel);

        Assert.False(await completedInside, "The cancelled call completed inside cts.Cancel().");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await held.ReleaseNextAsync();
        await running;
    }

    private static ToolGate OneSlotTaken(PriorityScheduler scheduler)
    {
        ToolGate gate = scheduler.GetGate("single", new CallPolicy { MaxConcurrency = 1 });
        Assert.True(scheduler.AcquireAsync(gate, McpPriority.Normal, RateLimitMode.Wait, default).IsCompletedSuccessfully);
        return gate;
    }

    private static void Inside(Action action)
    {
        t_inside = true;
        try
        {
            action();
        }
        finally
        {
            t_inside = false;
        }
    }

    /// <summary>Where the waiter's continuation ran, and how its wait ended.</summary>
    private static Task<Resumption> ResumptionOf(ValueTask wait)
    {
        Assert.False(wait.IsCompleted, "The call was expected to wait.");
        var resumed = new TaskCompletionSource<Resumption>(TaskCreationOptions.RunContinuationsAsynchronously);
        ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter awaiter = wait.ConfigureAwait(false).GetAwaiter();
        awaiter.UnsafeOnCompleted(() =>
        {
            bool inside = t_inside;
            try
            {
                awaiter.GetResult();
                resumed.SetResult(new Resumption(inside, null));
            }
            catch (Exception error)
            {
                resumed.SetResult(new Resumption(inside, error));
            }
        });
        return resumed.Task;
    }

    private readonly record struct Resumption(bool Inside, Exception? Error);
}
