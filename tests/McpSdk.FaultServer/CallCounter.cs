using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.FaultServer;

/// <summary>
/// The witness of a <c>counted</c> tool, for the fleet tests: how many of its calls run at once (now and at most) and
/// when each started, on this server's clock. Read with <c>GET /faults/counted/{tool}</c>, cleared with
/// <c>POST /faults/counted/{tool}/reset</c>.
/// </summary>
internal sealed class CallCounter
{
    private static readonly ConcurrentDictionary<string, CallCounter> s_byTool = new(System.StringComparer.Ordinal);

    /// <summary>The counter of <paramref name="tool"/>, made on first use.</summary>
    public static CallCounter For(string tool) => s_byTool.GetOrAdd(tool, static _ => new CallCounter());

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<double> _starts = new();
    private int _current;
    private int _max;
    private long _calls;

    /// <summary>Counts one call in while it runs for <paramref name="milliseconds"/>.</summary>
    public async Task<int> RunAsync(int milliseconds, CancellationToken cancellationToken)
    {
        _starts.Enqueue(_clock.Elapsed.TotalMilliseconds);
        Interlocked.Increment(ref _calls);
        int now = Interlocked.Increment(ref _current);
        int max;
        while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max)
        {
        }

        try
        {
            await Task.Delay(milliseconds, cancellationToken);
            return now;
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(new CounterSnapshot(
        Volatile.Read(ref _max), Volatile.Read(ref _current), Interlocked.Read(ref _calls), [.. _starts.OrderBy(start => start)]));

    public void Reset()
    {
        _starts.Clear();
        Volatile.Write(ref _max, Volatile.Read(ref _current));
        Interlocked.Exchange(ref _calls, 0);
    }

    private sealed record CounterSnapshot(int Max, int Current, long Calls, double[] Starts);
}
