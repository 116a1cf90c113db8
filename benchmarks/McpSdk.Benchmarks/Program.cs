using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace McpSdk.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/McpSdk.Benchmarks -- --filter '*'</c> runs the BenchmarkDotNet
/// suites; <c>... -- headline</c> runs the wall-clock headline table against an in-process MCP server;
/// <c>... -- contention</c> runs the contention contenders interleaved, timed by wall clock and CPU;
/// <c>... -- load</c> runs the load table against server-everything over stdio, or over Streamable HTTP with
/// <c>--transport http|both</c> (ours, the official C# and TypeScript SDKs); <c>... -- e2e</c> runs the three C# clients
/// end to end against an in-process server (InProcessEndToEnd).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && string.Equals(args[0], "headline", StringComparison.OrdinalIgnoreCase))
        {
            return await Headline.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && string.Equals(args[0], "contention", StringComparison.OrdinalIgnoreCase))
        {
            return InterleavedContention.Run(args[1..]);
        }

        if (args.Length > 0 && string.Equals(args[0], "e2e", StringComparison.OrdinalIgnoreCase))
        {
            return await InProcessEndToEnd.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && string.Equals(args[0], "load", StringComparison.OrdinalIgnoreCase))
        {
            return await Load.RunAsync(args[1..]).ConfigureAwait(false);
        }

        IConfig config = QuickConfig.Create();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
