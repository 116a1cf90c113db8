using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Diagnostics;

/// <summary>
/// Process-wide counts of what McpSdk holds open: connections, sessions, timers and background tasks. Each goes up
/// where the thing is created and down where it is disposed (or, for a task, where it ends), so after every connection
/// is disposed each count is back where it was: the leak checks in tests/McpSdk.Tests/Reliability assert exactly
/// that. Touched only when something opens or closes, never per call.
/// </summary>
internal static class LiveResourceCounters
{
    private static long s_connections;
    private static long s_sessions;
    private static long s_timers;
    private static long s_backgroundTasks;

    /// <summary>The counts now, read one after another (exact only while nothing opens or closes).</summary>
    public static LiveResources Snapshot() => new(
        Volatile.Read(ref s_connections), Volatile.Read(ref s_sessions), Volatile.Read(ref s_timers), Volatile.Read(ref s_backgroundTasks));

    public static void ConnectionCreated() => Interlocked.Increment(ref s_connections);

    public static void ConnectionDisposed() => Interlocked.Decrement(ref s_connections);

    public static void SessionOpened() => Interlocked.Increment(ref s_sessions);

    public static void SessionDisposed() => Interlocked.Decrement(ref s_sessions);

    public static void TimerCreated() => Interlocked.Increment(ref s_timers);

    public static void TimerDisposed() => Interlocked.Decrement(ref s_timers);

    /// <summary>Counts <paramref name="task"/> until it ends.</summary>
    public static void BackgroundTaskStarted(Task task)
    {
        Interlocked.Increment(ref s_backgroundTasks);
        task.ContinueWith(
            static _ => Interlocked.Decrement(ref s_backgroundTasks),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}

/// <summary>A reading of <see cref="LiveResourceCounters"/>.</summary>
internal readonly record struct LiveResources(long Connections, long Sessions, long Timers, long BackgroundTasks);
