using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace McpSdk.Generators.Benchmarks;

/// <summary><c>dotnet run -c Release --project benchmarks/McpSdk.Generators.Benchmarks</c></summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // Short on purpose: 2 cores, and the numbers are far from the targets either way.
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithId("Quick").WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
