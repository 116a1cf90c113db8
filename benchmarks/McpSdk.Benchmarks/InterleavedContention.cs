using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using static McpSdk.Benchmarks.Statistics;

namespace McpSdk.Benchmarks;

/// <summary>
/// A second opinion on <see cref="SchedulerContentionBenchmarks"/> for a shared, noisy 2-core machine: the three
/// contenders interleaved round by round (A B C A B C …) in one process, each round timed by wall clock and by
/// process CPU time, bytes by <see cref="GC.GetTotalAllocatedBytes(bool)"/>; medians and ratios to SemaphoreSlim.
/// <c>dotnet run -c Release --project benchmarks/McpSdk.Benchmarks -- contention [--rounds N] [--yield-only] [--only 0|1|2]</c>
/// (<c>--only</c> runs one contender, for a profiler).
/// </summary>
internal static class InterleavedContention
{
    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, "--rounds");
        int rounds = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 30;
        int only = Array.IndexOf(args, "--only") is int o and >= 0 && o + 1 < args.Length ? int.Parse(args[o + 1], CultureInfo.InvariantCulture) : -1;
        HoldMode[] holds = args.Contains("--yield-only") ? [HoldMode.Yield] : [HoldMode.Yield, HoldMode.None];
        const int InvocationsPerRound = 20;
        const double OpsPerRound = (double)InvocationsPerRound * SchedulerContentionBenchmarks.Admissions;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Contention, interleaved: {SchedulerContentionBenchmarks.Loops} async loops, {SchedulerContentionBenchmarks.Slots} slots, " +
            $"{OpsPerRound:F0} admissions per round, {rounds} rounds after 3 warm-up rounds; {Environment.ProcessorCount} cores."));
        Console.WriteLine();
        Console.WriteLine("| hold | contender | wall ns/admission (median) | CPU ns/admission (median) | bytes/admission | wall ratio | CPU ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");

        foreach (HoldMode hold in holds)
        {
            using var benchmarks = new SchedulerContentionBenchmarks { Hold = hold };
            benchmarks.Setup();
            var contenders = new (string Name, Action Run)[]
            {
                ("SemaphoreSlim (baseline)", benchmarks.SemaphoreSlim_WaitAsync_Release),
                ("PriorityScheduler, one priority", benchmarks.PriorityScheduler_OnePriority),
                ("PriorityScheduler, mixed priorities", benchmarks.PriorityScheduler_MixedPriorities),
            };

            var wall = contenders.Select(_ => new List<double>()).ToArray();
            var cpu = contenders.Select(_ => new List<double>()).ToArray();
            var bytes = contenders.Select(_ => new List<double>()).ToArray();
            for (int round = -3; round < rounds; round++)
            {
                for (int c = 0; c < contenders.Length; c++)
                {
                    if (only >= 0 && c != only)
                    {
                        continue; // profiling one contender (--only INDEX)
                    }

                    long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    long started = Stopwatch.GetTimestamp();
                    for (int i = 0; i < InvocationsPerRound; i++)
                    {
                        contenders[c].Run();
                    }

                    TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
                    TimeSpan cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                    if (round >= 0)
                    {
                        wall[c].Add(elapsed.TotalNanoseconds / OpsPerRound);
                        cpu[c].Add(cpuUsed.TotalNanoseconds / OpsPerRound);
                        bytes[c].Add(allocated / OpsPerRound);
                    }
                }
            }

            if (only >= 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {hold} | {contenders[only].Name} | {Median(wall[only]):F0} | {Median(cpu[only]):F0} | {Median(bytes[only]):F0} | | |"));
                benchmarks.Cleanup();
                continue;
            }

            double baseWall = Median(wall[0]);
            double baseCpu = Median(cpu[0]);
            for (int c = 0; c < contenders.Length; c++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {hold} | {contenders[c].Name} | {Median(wall[c]):F0} | {Median(cpu[c]):F0} | {Median(bytes[c]):F0} | " +
                    $"{Median(wall[c]) / baseWall:F2} | {Median(cpu[c]) / baseCpu:F2} |"));
            }

            benchmarks.Cleanup();
        }

        return 0;
    }
}
