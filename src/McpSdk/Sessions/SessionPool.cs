using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace McpSdk.Sessions;

/// <summary>
/// The sessions of one connection: opens <c>MinSessions</c> up front, grows by demand up to <c>MaxSessions</c>,
/// routes each call to the least-loaded live session, replaces sessions that end, pings idle ones and closes
/// those idle too long. The scheduler decides when a call runs; the pool decides where.
/// </summary>
/// <remarks>
/// <para>Capacity: while fewer than <c>MaxSessions</c> live, live sessions × <c>MaxCallsPerSession</c>, published to
/// the owner after every change (the connection makes it the scheduler's in-flight limit). Calls beyond it wait in
/// the scheduler's queue, by priority, and <see cref="RequestCapacity"/> grows the pool: it opens enough sessions for
/// the waiting calls, one per <c>MaxCallsPerSession</c> of them, never more than <c>MaxSessions</c> live and starting
/// together. With all <c>MaxSessions</c> live the pool cannot grow, so it stops holding calls back.</para>
/// <para>A session takes calls only after its handshake completed. Routing is a lock-free scan of an immutable
/// array; the lock guards only membership changes (open, end, trim), which are rare.</para>
/// </remarks>
internal sealed class SessionPool : IAsyncDisposable
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_minPingTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<IMcpSession>> _connect;
    private readonly string _endpointName;
    private readonly int _min;
    private readonly int _max;
    private readonly int _perSession;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _healthInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<int> _capacityChanged;
    private readonly Action<Exception> _cannotStart;
    private readonly object _sync = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly List<Task> _background = [];
    private readonly ITimer _healthTimer;

    private PooledSession[] _live = [];
    private int _starting;
    private int _nextNumber;
    private int _healthCheckRunning;
    private int _consecutiveStartFailures;
    private long _started;
    private long _faulted;
    private long _replaced;
    private long _owedReplacements; // faulted sessions not yet succeeded by a new one: the next opened counts as a replacement
    private long _trimmed;
    private long _startFailures;
    private bool _disposed;

    public SessionPool(
        Func<CancellationToken, Task<IMcpSession>> connect,
        string endpointName,
        McpConnectionOptions options,
        ILogger logger,
        Action<int> capacityChanged,
        Action<Exception> cannotStart)
    {
        _connect = connect;
        _endpointName = endpointName;
        _min = options.MinSessions;
        _max = Math.Max(options.MaxSessions, 1);
        _perSession = options.MaxCallsPerSession;
        _idleTimeout = options.SessionIdleTimeout;
        _healthInterval = options.HealthCheckInterval;
        _time = options.TimeProvider;
        _logger = logger;
        _capacityChanged = capacityChanged;
        _cannotStart = cannotStart;
        _healthTimer = _time.CreateTimer(static state => ((SessionPool)state!).OnHealthTick(), this, _healthInterval, _healthInterval);
        LiveResourceCounters.TimerCreated();
    }

    /// <summary>Opens the first sessions (at least one, at most <c>MaxSessions</c>) and waits for their handshakes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        int count = Math.Clamp(_min, 1, _max);
        lock (_sync)
        {
            _starting += count; // so that the health check does not open more while these are opening
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        Task<IMcpSession>[] opening = Enumerable.Range(0, count).Select(_ => _connect(linked.Token)).ToArray();
        try
        {
            await Task.WhenAll(opening).ConfigureAwait(false);
        }
        catch
        {
            lock (_sync)
            {
                _starting -= count;
            }

            foreach (Task<IMcpSession> task in opening.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        lock (_sync)
        {
            _starting -= count;
        }

        foreach (Task<IMcpSession> task in opening)
        {
            Add(await task.ConfigureAwait(false));
        }
    }

    /// <summary>Adds a session that is already open (tests and benchmarks bring their own).</summary>
    public void AddOpened(IMcpSession session) => Add(session);

    /// <summary>The least-loaded live session, now carrying one more call; <see langword="null"/> if none lives.</summary>
    public PooledSession? Route()
    {
        while (true)
        {
            PooledSession? best = null;
            int bestLoad = int.MaxValue;
            foreach (PooledSession candidate in Volatile.Read(ref _live))
            {
                int load = Volatile.Read(ref candidate.InFlight);
                if (load < bestLoad && candidate.IsLive)
                {
                    best = candidate;
                    bestLoad = load;
                }
            }

            if (best is null)
            {
                return null;
            }

            Interlocked.Increment(ref best.InFlight);
            if (best.IsLive)
            {
                Interlocked.Increment(ref best.Calls);
                return best;
            }

            // It began draining between the scan and the increment: give the call back and look again.
            Return(best);
        }
    }

    /// <summary>Ends a call's use of <paramref name="session"/>; a draining session closes with its last call.</summary>
    public void Return(PooledSession session)
    {
        Volatile.Write(ref session.LastUsedTimestamp, _time.GetTimestamp());
        if (Interlocked.Decrement(ref session.InFlight) == 0 && Volatile.Read(ref session.State) == PooledSession.Draining)
        {
            CloseIfIdle(session);
        }
    }

    /// <summary>Calls are waiting for session capacity: open sessions for them, up to the maximum.</summary>
    public void RequestCapacity(int waitingCalls)
    {
        lock (_sync)
        {
            if (_disposed || waitingCalls <= 0)
            {
                return;
            }

            int present = _live.Length + _starting;
            int wanted = Math.Min(_max, _live.Length + (int)Math.Ceiling(waitingCalls / (double)_perSession));
            int toStart = Math.Max(wanted - present, present < _max && _starting == 0 ? 1 : 0);
            for (int i = 0; i < toStart; i++)
            {
                StartOneLocked();
            }
        }
    }

    public McpPoolStats Snapshot()
    {
        PooledSession[] live = Volatile.Read(ref _live);
        return new McpPoolStats
        {
            Live = live.Length,
            Starting = Volatile.Read(ref _starting),
            Started = Interlocked.Read(ref _started),
            Faulted = Interlocked.Read(ref _faulted),
            Replaced = Interlocked.Read(ref _replaced),
            Trimmed = Interlocked.Read(ref _trimmed),
            StartFailures = Interlocked.Read(ref _startFailures),
            Sessions = live.Select(session => session.Snapshot()).ToArray(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        PooledSession[] live;
        Task[] background;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            live = _live;
            _live = [];
            background = [.. _background];
        }

        if (live.Length > 0)
        {
            McpSdkTelemetry.PoolSessions.Add(-live.Length, new KeyValuePair<string, object?>("mcpsdk.endpoint", _endpointName));
        }

        _healthTimer.Dispose();
        LiveResourceCounters.TimerDisposed();
        await _closing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(live.Select(session => CloseAsync(session))).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(background).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Opening and closing tasks report their own failures; disposal only waits for them to end.
        }

        _closing.Dispose();
    }

    private void Add(IMcpSession session)
    {
        PooledSession pooled;
        int live;
        lock (_sync)
        {
            if (_disposed)
            {
                Track(session.DisposeAsync().AsTask());
                return;
            }

            pooled = new PooledSession(++_nextNumber, session, _time.GetTimestamp());
            _live = [.. _live, pooled];
            live = _live.Length;
            Track(WatchAsync(pooled));
        }

        Interlocked.Increment(ref _started);
        McpSdkTelemetry.PoolSessions.Add(1, new KeyValuePair<string, object?>("mcpsdk.endpoint", _endpointName));

        // Whether it was opened to restore the minimum or because calls were waiting, a session that follows a faulted
        // one replaces it: under load the growth rule usually opens the successor before the minimum rule would.
        if (TryTakeOwedReplacement())
        {
            Interlocked.Increment(ref _replaced);
        }

        Log.SessionStarted(_logger, pooled.Id, _endpointName, session.SessionId, live);
        PublishCapacity();
    }

    /// <summary>Waits for the session to end; an end nobody asked for removes it and, below the minimum, replaces it.</summary>
    private async Task WatchAsync(PooledSession session)
    {
        try
        {
            await session.Session.Completion.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // How it ended does not matter here: it ended.
        }

        Retire(session, PooledSession.Live);
        Retire(session, PooledSession.Suspect);
    }

    /// <summary>
    /// A call on <paramref name="session"/> failed as if the session were lost. The SDK may complete a dead session
    /// later than it fails the calls on it, so the session stops taking calls at once and is pinged: alive, it takes
    /// calls again; dead, it is retired (and replaced below the minimum). Its share of the capacity goes while it is
    /// a suspect, so calls wait for the verdict (or a new session) instead of failing for want of a live session.
    /// </summary>
    public void Suspect(PooledSession session)
    {
        if (session.TryMove(PooledSession.Live, PooledSession.Suspect))
        {
            PublishCapacity();
            Track(CheckSuspectAsync(session));
        }
    }

    private async Task CheckSuspectAsync(PooledSession session)
    {
        bool alive;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await session.Session.PingAsync(timeout.Token).ConfigureAwait(false);
                alive = !session.Session.Completion.IsCompleted;
            }
            catch (Exception)
            {
                alive = false;
            }
        }

        if (alive && session.TryMove(PooledSession.Suspect, PooledSession.Live))
        {
            PublishCapacity();
        }
        else
        {
            Retire(session, PooledSession.Suspect);
        }
    }

    /// <summary>
    /// Takes a session in state <paramref name="from"/> out of the pool as faulted (its end, or the failed ping
    /// <paramref name="pingFailure"/>), closes it and, below the minimum, replaces it.
    /// </summary>
    private void Retire(PooledSession session, int from, Exception? pingFailure = null)
    {
        if (session.TryMove(from, PooledSession.Closed))
        {
            Interlocked.Increment(ref _faulted);
            Interlocked.Increment(ref _owedReplacements);
            Remove(session);
            if (pingFailure is null)
            {
                Log.SessionFaulted(_logger, session.Id, _endpointName, Volatile.Read(ref _live).Length, Volatile.Read(ref session.InFlight));
            }
            else
            {
                Log.SessionPingFailed(_logger, session.Id, _endpointName, pingFailure);
            }

            Track(session.Session.DisposeAsync().AsTask());
            ReplaceBelowMinimum();
        }
    }

    private bool TryTakeOwedReplacement()
    {
        long owed = Interlocked.Read(ref _owedReplacements);
        while (owed > 0)
        {
            long seen = Interlocked.CompareExchange(ref _owedReplacements, owed - 1, owed);
            if (seen == owed)
            {
                return true;
            }

            owed = seen;
        }

        return false;
    }

    private void ReplaceBelowMinimum()
    {
        lock (_sync)
        {
            if (!_disposed && _live.Length + _starting < Math.Max(_min, 1))
            {
                StartOneLocked();
            }
        }
    }

    private void StartOneLocked()
    {
        _starting++;
        Track(OpenAsync());
    }

    private async Task OpenAsync()
    {
        IMcpSession? session = null;
        Exception? failure = null;
        try
        {
            // Back off after failures in a row, so a server that cannot start is not hammered.
            int failures = Volatile.Read(ref _consecutiveStartFailures);
            if (failures > 0)
            {
                TimeSpan delay = TimeSpan.FromMilliseconds(Math.Min(s_maxBackoff.TotalMilliseconds, 100 * Math.Pow(2, failures - 1)));
                await Task.Delay(delay, _time, _closing.Token).ConfigureAwait(false);
            }

            session = await _connect(_closing.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        lock (_sync)
        {
            _starting--;
        }

        if (session is not null)
        {
            Interlocked.Exchange(ref _consecutiveStartFailures, 0);
            Add(session);
            return;
        }

        if (_closing.IsCancellationRequested)
        {
            return;
        }

        int inRow = Interlocked.Increment(ref _consecutiveStartFailures);
        Interlocked.Increment(ref _startFailures);
        int live = Volatile.Read(ref _live).Length;
        Log.SessionStartFailed(_logger, _endpointName, inRow, live, failure!);
        if (live == 0)
        {
            // Nothing can carry the waiting calls: they fail now rather than wait for a session that may never come.
            _cannotStart(failure!);
        }

        ReplaceBelowMinimum();
    }

    private void OnHealthTick()
    {
        if (Interlocked.Exchange(ref _healthCheckRunning, 1) != 0)
        {
            return;
        }

        try
        {
            long now = _time.GetTimestamp();
            foreach (PooledSession session in Volatile.Read(ref _live))
            {
                if (Volatile.Read(ref session.InFlight) != 0)
                {
                    continue;
                }

                TimeSpan idle = _time.GetElapsedTime(Volatile.Read(ref session.LastUsedTimestamp), now);
                if (idle >= _idleTimeout && TryTrim(session, idle))
                {
                    continue;
                }

                Track(PingAsync(session));
            }

            ReplaceBelowMinimum();
        }
        finally
        {
            Volatile.Write(ref _healthCheckRunning, 0);
        }
    }

    private bool TryTrim(PooledSession session, TimeSpan idle)
    {
        lock (_sync)
        {
            if (_disposed || _live.Length <= _min || !session.TryMove(PooledSession.Live, PooledSession.Draining))
            {
                return false;
            }

            _live = _live.Where(s => s != session).ToArray();
        }

        Interlocked.Increment(ref _trimmed);
        Log.SessionTrimmed(_logger, session.Id, _endpointName, idle.TotalSeconds, Volatile.Read(ref _live).Length);
        OnLeftPool();
        CloseIfIdle(session);
        return true;
    }

    private async Task PingAsync(PooledSession session)
    {
        // A short check interval must not make a busy session look dead: the ping gets at least 5 seconds.
        using var timeout = new CancellationTokenSource(_healthInterval > s_minPingTimeout ? _healthInterval : s_minPingTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _closing.Token);
        try
        {
            await session.Session.PingAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!_closing.IsCancellationRequested)
        {
            Retire(session, PooledSession.Live, exception);
        }
        catch (Exception)
        {
            // The pool is closing.
        }
    }

    private void CloseIfIdle(PooledSession session)
    {
        if (Volatile.Read(ref session.InFlight) == 0 && session.TryMove(PooledSession.Draining, PooledSession.Closed))
        {
            Track(session.Session.DisposeAsync().AsTask());
        }
    }

    private static async Task CloseAsync(PooledSession session)
    {
        Volatile.Write(ref session.State, PooledSession.Closed);
        try
        {
            await session.Session.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing a broken session may fail; it is closed either way.
        }
    }

    private void Remove(PooledSession session)
    {
        lock (_sync)
        {
            _live = _live.Where(s => s != session).ToArray();
        }

        OnLeftPool();
    }

    private void OnLeftPool()
    {
        McpSdkTelemetry.PoolSessions.Add(-1, new KeyValuePair<string, object?>("mcpsdk.endpoint", _endpointName));
        PublishCapacity();
    }

    /// <summary>
    /// Tells the owner how many calls the live sessions carry. <c>MaxCallsPerSession</c> is the load at which the pool
    /// grows: below <c>MaxSessions</c> calls beyond it wait for the next session; with every session open there is
    /// nothing left to wait for, so sessions take more (least-loaded first) and only <c>MaxConcurrency</c> caps them.
    /// </summary>
    private void PublishCapacity()
    {
        // Two changes can publish in the opposite order of their computing: whoever published last checks that what it
        // published is still true, so a stale value never stays.
        int capacity = Capacity();
        while (true)
        {
            _capacityChanged(capacity);
            int now = Capacity();
            if (now == capacity)
            {
                return;
            }

            capacity = now;
        }
    }

    private int Capacity()
    {
        int live = 0;
        foreach (PooledSession session in Volatile.Read(ref _live))
        {
            live += session.IsLive ? 1 : 0; // a suspect carries nothing until its ping clears it
        }

        return live >= _max ? int.MaxValue : (int)Math.Min(int.MaxValue, (long)live * _perSession);
    }

    /// <summary>Keeps background work visible to disposal, forgetting what has finished.</summary>
    private void Track(Task task)
    {
        LiveResourceCounters.BackgroundTaskStarted(task);
        lock (_sync)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }
}
