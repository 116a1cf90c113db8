using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace McpSdk.Soak;

/// <summary>
/// Watches every call in flight (one slot per worker, each running one call at a time) from its own thread, so a
/// starved thread pool cannot silence it: a call still running at its deadline plus the margin is overdue, i.e. hung.
/// </summary>
internal sealed class CallWatchdog : IDisposable
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(100);

    private readonly Slot[] _slots;
    private readonly TimeSpan _margin;
    private readonly ConcurrentQueue<string> _overdue = new();
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly Lock _latestLock = new();
    private long _latestTicks = long.MinValue;
    private SoakCallKind? _latest;

    public CallWatchdog(int workers, TimeSpan margin)
    {
        _slots = new Slot[workers];
        for (int i = 0; i < workers; i++)
        {
            _slots[i] = new Slot();
        }

        _margin = margin;
        _thread = new Thread(Scan) { IsBackground = true, Name = "soak watchdog" };
        _thread.Start();
    }

    /// <summary>Calls seen running past their deadline plus the margin, each once: "kind: ran X s, deadline Y s".</summary>
    public IReadOnlyCollection<string> Overdue => _overdue;

    public void Begin(int worker, SoakCallKind kind)
    {
        // The sequence first: a scan that reads the new kind then sees a new sequence too, and skips the slot.
        Slot slot = _slots[worker];
        Interlocked.Increment(ref slot.Sequence);
        Volatile.Write(ref slot.Kind, kind);
        Volatile.Write(ref slot.Started, Stopwatch.GetTimestamp());
    }

    public void End(int worker)
    {
        Slot slot = _slots[worker];
        long started = slot.Started;
        Volatile.Write(ref slot.Started, 0);
        long overrun = (Stopwatch.GetElapsedTime(started) - slot.Kind!.Deadline).Ticks;
        if (overrun > Volatile.Read(ref _latestTicks))
        {
            lock (_latestLock)
            {
                if (overrun > _latestTicks)
                {
                    _latest = slot.Kind;
                    Volatile.Write(ref _latestTicks, overrun);
                }
            }
        }
    }

    /// <summary>The call that ended latest relative to its deadline, and by how much (negative: before it).</summary>
    public (SoakCallKind? Kind, TimeSpan Overrun) Latest
    {
        get
        {
            lock (_latestLock)
            {
                return (_latest, TimeSpan.FromTicks(_latestTicks));
            }
        }
    }

    /// <summary>The calls running now: after the drain, those that never ended.</summary>
    public IReadOnlyList<string> Pending()
    {
        var pending = new List<string>();
        foreach (Slot slot in _slots)
        {
            long started = Volatile.Read(ref slot.Started);
            if (started != 0)
            {
                pending.Add($"{slot.Kind?.Name}: running for {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s, deadline {slot.Kind?.Deadline.TotalSeconds:0.###} s");
            }
        }

        return pending;
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Scan()
    {
        while (!_stop.Wait(ScanInterval))
        {
            foreach (Slot slot in _slots)
            {
                long sequence = Volatile.Read(ref slot.Sequence);
                long started = Volatile.Read(ref slot.Started);
                SoakCallKind? kind = Volatile.Read(ref slot.Kind);
                if (started == 0 || kind is null || sequence == slot.Reported || Volatile.Read(ref slot.Sequence) != sequence)
                {
                    continue; // idle, already reported, or a new call began while we looked
                }

                TimeSpan running = Stopwatch.GetElapsedTime(started);
                if (running > kind.Deadline + _margin)
                {
                    slot.Reported = sequence;
                    _overdue.Enqueue($"{kind.Name}: still running after {running.TotalSeconds:0.0} s, deadline {kind.Deadline.TotalSeconds:0.###} s + margin {_margin.TotalSeconds:0} s");
                }
            }
        }
    }

    private sealed class Slot
    {
        public long Started; // Stopwatch timestamp, 0 when idle
        public long Sequence;
        public long Reported; // the watchdog's own: the last sequence reported overdue
        public SoakCallKind? Kind;
    }
}
