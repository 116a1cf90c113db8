using System.Threading;

namespace McpSdk.Sessions;

/// <summary>The pool's lifetime counters, as <see cref="McpPoolStats"/> reports them; written with Interlocked.</summary>
internal sealed class PoolCounters
{
    private long _started;
    private long _faulted;
    private long _replaced;
    private long _owedReplacements; // faulted sessions not yet succeeded by a new one: the next opened counts as a replacement
    private long _trimmed;
    private long _startFailures;

    public void OnStarted()
    {
        Interlocked.Increment(ref _started);

        // Whether it was opened to restore the minimum or because calls were waiting, a session that follows a faulted
        // one replaces it: under load the growth rule usually opens the successor before the minimum rule would.
        long owed = Interlocked.Read(ref _owedReplacements);
        while (owed > 0)
        {
            long seen = Interlocked.CompareExchange(ref _owedReplacements, owed - 1, owed);
            if (seen == owed)
            {
                Interlocked.Increment(ref _replaced);
                return;
            }

            owed = seen;
        }
    }

    public void OnFaulted()
    {
        Interlocked.Increment(ref _faulted);
        Interlocked.Increment(ref _owedReplacements);
    }

    public void OnTrimmed() => Interlocked.Increment(ref _trimmed);

    public void OnStartFailed() => Interlocked.Increment(ref _startFailures);

    public McpPoolStats Snapshot(int live, int starting, McpSessionStats[] sessions) => new()
    {
        Live = live,
        Starting = starting,
        Started = Interlocked.Read(ref _started),
        Faulted = Interlocked.Read(ref _faulted),
        Replaced = Interlocked.Read(ref _replaced),
        Trimmed = Interlocked.Read(ref _trimmed),
        StartFailures = Interlocked.Read(ref _startFailures),
        Sessions = sessions,
    };
}
