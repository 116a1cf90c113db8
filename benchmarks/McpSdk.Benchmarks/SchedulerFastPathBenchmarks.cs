using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using McpSdk.Invocation;
using McpSdk.Scheduling;

namespace McpSdk.Benchmarks;

/// <summary>
/// One admission on a free slot and its release, uncontended, on one thread: the cost every call pays when the
/// tool is below its limits. Target (issue "Runtime: priority scheduler"): under 1 µs and 0 bytes per pair.
/// </summary>
[MemoryDiagnoser]
public class SchedulerFastPathBenchmarks : IDisposable
{
    private PriorityScheduler _scheduler = null!;
    private ToolGate _gate = null!;
    private ToolGate _rateLimitedGate = null!;
    private SemaphoreSlim _semaphore = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheduler = new PriorityScheduler(maxConcurrency: 64, queueLimit: null, agingStep: 16, TimeProvider.System);
        _gate = _scheduler.GetGate("tool", new CallPolicy { MaxConcurrency = 8 });

        // A permit budget no run exhausts: measures the token bucket's cost on the fast path, not its refusals.
        _rateLimitedGate = _scheduler.GetGate(
            "rate-limited-tool", new CallPolicy { MaxConcurrency = 8, RateLimitPermits = int.MaxValue, RateLimitWindow = TimeSpan.FromSeconds(1) });
        _semaphore = new SemaphoreSlim(8, 8);
    }

    /// <summary>Baseline: the cheapest admission .NET has, a synchronous <c>Wait(0)</c> that succeeds.</summary>
    [Benchmark(Baseline = true)]
    public bool SemaphoreSlim_Wait0_Release()
    {
        bool taken = _semaphore.Wait(0);
        _semaphore.Release();
        return taken;
    }

    /// <summary>The async form callers actually use; it completes synchronously (a cached task) on a free slot.</summary>
    [Benchmark]
    public bool SemaphoreSlim_WaitAsync_Release()
    {
        Task wait = _semaphore.WaitAsync(CancellationToken.None);
        if (!wait.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("WaitAsync on a free semaphore should complete synchronously.");
        }

        _semaphore.Release();
        return true;
    }

    /// <summary>The scheduler's fast path: tool slot + global slot by compare-and-swap, no lock, no allocation.</summary>
    [Benchmark]
    public bool PriorityScheduler_Acquire_Release()
    {
        ValueTask acquire = _scheduler.AcquireAsync(_gate, McpPriority.Normal, RateLimitMode.Wait, CancellationToken.None);
        if (!acquire.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("AcquireAsync on a free slot should complete synchronously.");
        }

        _scheduler.Release(_gate);
        return true;
    }

    /// <summary>The same with a per-tool rate limit in force (a permit is always available).</summary>
    [Benchmark]
    public bool PriorityScheduler_Acquire_Release_WithRateLimit()
    {
        ValueTask acquire = _scheduler.AcquireAsync(_rateLimitedGate, McpPriority.Normal, RateLimitMode.Wait, CancellationToken.None);
        if (!acquire.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("AcquireAsync with a permit and a free slot should complete synchronously.");
        }

        _scheduler.Release(_rateLimitedGate);
        return true;
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
