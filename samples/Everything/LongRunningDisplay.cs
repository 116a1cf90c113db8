using System;
using System.Globalization;
using System.Threading.Tasks;
using McpSdk;
using ModelContextProtocol.Protocol;
using Spectre.Console;

namespace Everything;

/// <summary>
/// Calls <c>trigger-long-running-operation</c> and shows its progress notifications: a live Spectre.Console progress
/// bar on a terminal, plain <c>progress n/total</c> lines otherwise.
/// </summary>
internal static class LongRunningDisplay
{
    public static Task<CallToolResult> RunAsync(IEverythingTools tools, double duration, double steps) =>
        LiveConsole.IsLive ? RunWithBarAsync(tools, duration, steps) : RunWithLinesAsync(tools, duration, steps);

    private static Task<CallToolResult> RunWithLinesAsync(IEverythingTools tools, double duration, double steps)
    {
        var progress = new SynchronousProgress(p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  progress {p.Progress}/{p.Total}")));
        return tools.RunLongAsync(duration, steps, progress);
    }

    private static Task<CallToolResult> RunWithBarAsync(IEverythingTools tools, double duration, double steps) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask bar = context.AddTask("trigger-long-running-operation", maxValue: steps);

                // ProgressTask is thread-safe: the notifications arrive on the session's reader, not on this thread.
                var progress = new SynchronousProgress(p =>
                {
                    if (p.Total is { } total)
                    {
                        bar.MaxValue = total;
                    }

                    bar.Value = p.Progress;
                });
                CallToolResult result = await tools.RunLongAsync(duration, steps, progress);
                bar.Value = bar.MaxValue;
                bar.StopTask();
                return result;
            });
}
