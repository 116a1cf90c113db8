using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace McpSdk.Benchmarks;

/// <summary>
/// One short job for every suite: this machine has 2 cores and the whole run must stay within a few minutes.
/// One launch, 3 warm-up and 10 measured iterations of ~250 ms each: enough for stable means on these
/// micro-benchmarks (see the error column), not a substitute for a long run on a quiet machine.
/// </summary>
internal static class QuickConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithId("Quick")
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250)))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median);
}
