using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace McpSdk.Benchmarks;

/// <summary>
/// Which types a layer allocates, from the runtime's <c>GCAllocationTick</c> events (one sample per ~100 KB allocated,
/// naming the type whose allocation crossed the mark, so samples are proportional to bytes). Run apart from the timed
/// windows: the listener itself costs CPU. <c>... -- load --alloc-types</c>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = [];
    private readonly object _sync = new();
    private bool _recording;

    public void Start()
    {
        lock (_sync)
        {
            _bytesByType.Clear();
            _recording = true;
        }
    }

    public Dictionary<string, long> Stop()
    {
        lock (_sync)
        {
            _recording = false;
            return new Dictionary<string, long>(_bytesByType);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        string type = eventData.Payload![typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        lock (_sync)
        {
            if (_recording)
            {
                _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
            }
        }
    }

    /// <summary>Runs each layer once under the sampler and prints its top types in bytes per call.</summary>
    public static Task PrintAsync(LoadLayers.Layer[] layers, int calls) =>
        PrintAsync(layers.Select(l => (l.Name, (Func<Task>)(() => l.Run(64, calls)))), calls, top: 8);

    /// <summary>Runs each C# contender for one window of 64 in flight under the sampler and prints its top types.</summary>
    public static Task PrintAsync(IEnumerable<LoadContender> contenders, int calls) =>
        PrintAsync(contenders.Select(c => (c.Name, (Func<Task>)(() => c.RunAsync(64, calls)))), calls, top: 14);

    private static async Task PrintAsync(IEnumerable<(string Name, Func<Task> Run)> runs, int calls, int top)
    {
        using var sampler = new AllocationSampler();
        await Task.Delay(200).ConfigureAwait(false); // let the session start
        foreach ((string name, Func<Task> run) in runs)
        {
            GC.Collect();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            sampler.Start();
            await run().ConfigureAwait(false);
            long total = GC.GetTotalAllocatedBytes(precise: true) - before;
            await Task.Delay(500).ConfigureAwait(false); // events arrive on another thread, late
            Dictionary<string, long> byType = sampler.Stop();
            long sampled = byType.Values.Sum();
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Allocations by type (sampled), {name}: {total / (double)calls:F0} B/call measured"));
            foreach ((string type, long bytes) in byType.OrderByDescending(p => p.Value).Take(top))
            {
                // Scale the samples to the measured total: a sample stands for ~100 KB of allocation.
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {bytes * (double)total / Math.Max(1, sampled) / calls,6:F0} B/call  {type}"));
            }
        }
    }
}
