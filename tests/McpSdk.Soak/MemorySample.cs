using System;
using System.Diagnostics;

namespace McpSdk.Soak;

/// <summary>
/// The process's memory and collection counts at one moment. Counts and the heap size are read first, as the run left
/// them; then a full blocking compacting collection (the last one aggressive), after which the heap and the working set
/// are read again, so two samples compare what is live rather than what the collector has not yet reclaimed or keeps
/// in reserve.
/// </summary>
internal sealed record MemorySample(
    string Label, long Calls, TimeSpan Elapsed, int Gen0, int Gen1, int Gen2, long Heap, long HeapAfterFullGc, long WorkingSetAfterFullGc, int Threads)
{
    public static MemorySample Take(string label, long calls, TimeSpan elapsed)
    {
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long heap = GC.GetTotalMemory(forceFullCollection: false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();

        // Aggressive: also gives back the free memory the collector keeps for later allocations, so that the working set
        // measures what the process holds rather than how much spare room the collector happened to keep.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        long heapAfter = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes; // as that collection left it
        using Process self = Process.GetCurrentProcess();
        return new MemorySample(label, calls, elapsed, gen0, gen1, gen2, heap, heapAfter, self.WorkingSet64, self.Threads.Count);
    }
}
