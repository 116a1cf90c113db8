using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using McpSdk.Invocation;
using McpSdk.Scheduling;

namespace McpSdk.Benchmarks;

/// <summary>
/// Contended slots: <see cref="Loops"/> async loops on the thread pool (2 cores here) compete for
/// <see cref="Slots"/> slots, each doing <see cref="PerLoop"/> acquire → (optionally yield) → release. Every
/// result is per admission (<c>OperationsPerInvoke</c>). Target (issue "Runtime: priority scheduler"): the
/// scheduler no slower than 1.5 × the <see cref="SemaphoreSlim"/> baseline while doing priorities and per-tool limits.
/// </summary>
[MemoryDiagnoser]
public class SchedulerContentionBenchmarks : IDisposable
{
    public const int Slots = 4;
    public const int Loops = 64;
    public const int PerLoop = 256;
    public const int Admissions = Loops * PerLoop;

    private readonly Task[] _tasks = new Task[Loops];
    private PriorityScheduler _scheduler = null!;
    private ToolGate _gate = null!;
    private SemaphoreSlim _semaphore = null!;

    /// <summary>
    /// <see cref="HoldMode.Yield"/>: <c>await Task.Yield()</c> while holding the slot, as a call that completes
    /// asynchronously would. This is the saturated case: most loops wait in line and every release hands its slot
    /// to a waiter (one thread-pool hop per admission for the yield itself, in both contenders).
    /// <see cref="HoldMode.None"/>: release at once. A loop then never suspends while holding, so at most two slots
    /// (one per core) are ever held: this measures the admission path under cross-core contention on the shared
    /// counters and lock, not hand-offs to waiters.
    /// </summary>
    [Params(HoldMode.Yield, HoldMode.None)]
    public HoldMode Hold { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scheduler = new PriorityScheduler(maxConcurrency: 64, queueLimit: null, agingStep: 16, TimeProvider.System);
        _gate = _scheduler.GetGate("tool", new CallPolicy { MaxConcurrency = Slots });
        _semaphore = new SemaphoreSlim(Slots, Slots);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Admissions)]
    public void SemaphoreSlim_WaitAsync_Release()
    {
        for (int i = 0; i < Loops; i++)
        {
            _tasks[i] = Task.Run(SemaphoreLoopAsync);
        }

        Task.WaitAll(_tasks);
        if (_semaphore.CurrentCount != Slots)
        {
            throw new InvalidOperationException("The semaphore leaked a slot.");
        }
    }

    [Benchmark(OperationsPerInvoke = Admissions)]
    public void PriorityScheduler_OnePriority()
    {
        for (int i = 0; i < Loops; i++)
        {
            _tasks[i] = Task.Run(() => SchedulerLoopAsync(McpPriority.Normal));
        }

        WaitAndCheck();
    }

    /// <summary>Loops spread over the four priorities, so the queue's ordering and aging are exercised.</summary>
    [Benchmark(OperationsPerInvoke = Admissions)]
    public void PriorityScheduler_MixedPriorities()
    {
        for (int i = 0; i < Loops; i++)
        {
            var priority = (McpPriority)(i % 4);
            _tasks[i] = Task.Run(() => SchedulerLoopAsync(priority));
        }

        WaitAndCheck();
    }

    private async Task SemaphoreLoopAsync()
    {
        for (int i = 0; i < PerLoop; i++)
        {
            await _semaphore.WaitAsync().ConfigureAwait(false);
            try
            {
                if (Hold == HoldMode.Yield)
                {
                    await Task.Yield();
                }
            }
            finally
            {
                _semaphore.Release();
            }
        }
    }

    private async Task SchedulerLoopAsync(McpPriority priority)
    {
        for (int i = 0; i < PerLoop; i++)
        {
            await _scheduler.AcquireAsync(_gate, priority, RateLimitMode.Wait, CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (Hold == HoldMode.Yield)
                {
                    await Task.Yield();
                }
            }
            finally
            {
                _scheduler.Release(_gate);
            }
        }
    }

    private void WaitAndCheck()
    {
        Task.WaitAll(_tasks);
        if (_scheduler.InFlight != 0 || _scheduler.Waiting != 0 || Volatile.Read(ref _gate.InFlight) != 0)
        {
            throw new InvalidOperationException(
                $"Scheduler not quiescent after the run: in flight {_scheduler.InFlight}, waiting {_scheduler.Waiting}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _scheduler?.Dispose();
        _semaphore?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>What a loop of <see cref="SchedulerContentionBenchmarks"/> does while it holds a slot.</summary>
public enum HoldMode
{
    /// <summary>Nothing: release at once.</summary>
    None,

    /// <summary><c>await Task.Yield()</c>: give the thread back, resume on the thread pool, then release.</summary>
    Yield,
}
