using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpSdk;

namespace Everything;

/// <summary>Prints a connection's statistics as a plain-text table: per tool, then the total and the pool.</summary>
internal static class StatsTable
{
    public static void Print(McpConnectionStats stats)
    {
        var rows = stats.Tools.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => Row(pair.Key, pair.Value)).ToList();
        rows.Add(Row("(total)", stats.Total));
        string[] header = ["tool", "calls", "ok", "failed", "cancelled", "retried", "p50 ms", "p99 ms"];
        int[] widths = header.Select((title, column) => Math.Max(title.Length, rows.Max(row => row[column].Length))).ToArray();

        Console.WriteLine(Format(header, widths));
        Console.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (string[] row in rows)
        {
            Console.WriteLine(Format(row, widths));
        }

        McpPoolStats pool = stats.Pool;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sessions: {pool.Live} live, {pool.Started} started, {pool.Faulted} faulted, {pool.Replaced} replaced"));
    }

    private static string[] Row(string tool, McpToolStats stats) =>
    [
        tool,
        Number(stats.Submitted),
        Number(stats.Succeeded),
        Number(stats.Failed),
        Number(stats.Cancelled),
        Number(stats.Retried),
        stats.Latency.P50.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
        stats.Latency.P99.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column])));
}
