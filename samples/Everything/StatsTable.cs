using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpSdk;
using Spectre.Console;

namespace Everything;

/// <summary>
/// Prints a connection's statistics as a table: per tool, then the total and the pool. A bordered Spectre.Console
/// table on a terminal; plain aligned text when the output is redirected, so it stays readable (and greppable) there.
/// </summary>
internal static class StatsTable
{
    private static readonly string[] s_header = ["tool", "calls", "ok", "failed", "cancelled", "retried", "p50 ms", "p99 ms"];

    public static void Print(McpConnectionStats stats)
    {
        var rows = stats.Tools.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => Row(pair.Key, pair.Value)).ToList();
        rows.Add(Row("(total)", stats.Total));
        McpPoolStats pool = stats.Pool;
        string sessions = string.Create(CultureInfo.InvariantCulture, $"sessions: {pool.Live} live, {pool.Started} started, {pool.Faulted} faulted, {pool.Replaced} replaced");

        if (LiveConsole.IsLive)
        {
            AnsiConsole.Write(Rendered(rows, sessions));
            return;
        }

        int[] widths = s_header.Select((title, column) => Math.Max(title.Length, rows.Max(row => row[column].Length))).ToArray();
        Console.WriteLine(Format(s_header, widths));
        Console.WriteLine(string.Join("  ", widths.Select(width => new string('-', width))));
        foreach (string[] row in rows)
        {
            Console.WriteLine(Format(row, widths));
        }

        Console.WriteLine(sessions);
    }

    private static Table Rendered(List<string[]> rows, string sessions)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("McpConnectionStats").Caption(sessions);
        for (int column = 0; column < s_header.Length; column++)
        {
            // Numbers never wrap; on a narrow terminal the tool name gives way, shortened with an ellipsis.
            var heading = new TableColumn(new Text(s_header[column]));
            table.AddColumn(column == 0 ? heading : heading.RightAligned().NoWrap());
        }

        foreach (string[] row in rows)
        {
            // Text, not markup: a tool name may hold '[' or ']'.
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell) { Overflow = Overflow.Ellipsis }).ToArray());
        }

        return table;
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
