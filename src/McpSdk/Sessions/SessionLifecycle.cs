using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace McpSdk.Sessions;

/// <summary>
/// Opens, replaces and closes the pool's sessions. How many to open is decided under a lock; the opening itself always
/// runs on the thread pool, outside any lock and never on the thread of the call that asked for it (a stdio opening
/// starts a process; a failed one fails waiting calls, which must not resume inside someone else's call).
/// </summary>
internal sealed class SessionLifecycle
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);

    private readonly Func<CancellationToken, Task<IMcpSession>> _connect;
    private readonly string _endpointName;
    private readonly int _min;
    private readonly int _max;
    private readonly int _perSession;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LiveSessions _live;
    private readonly PoolCounters _counters;
    private readonly BackgroundWork _background;
    private readonly IPoolOwner _owner;
    private readonly CancellationTokenSource _closing = new();
    private readonly Func<Task<Exception?>> _openOne;
    private readonly KeyValuePair<string, object?> _endpointTag;

    // Guarded by _sync: membership decisions only, never I/O or user code.
    private readonly Lock _sync = new();
    private readonly List<Task<Exception?>> _openings = [];
    private readonly List<PooledSession> _draining = [];
    private Task? _firstOpening;
    private int _starting;
    private int _nextNumber;
    private bool _closed;

    private int _consecutiveStartFailures;

    public SessionLifecycle(
        Func<CancellationToken, Task<IMcpSession>> connect,
        string endpointName,
        McpConnectionOptions options,
        ILogger logger,
        LiveSessions live,
        PoolCounters counters,
        BackgroundWork background,
        IPoolOwner owner)
    {
        _connect = connect;
        _endpointName = endpointName;
        _min = options.MinSessions;
        _max = Math.Max(options.MaxSessions, 1);
        _perSession = options.MaxCallsPerSession;
        _time = options.TimeProvider;
        _logger = logger;
        _live = live;
        _counters = counters;
        _background = background;
        _owner = owner;
        _openOne = OpenOneAsync;
        _endpointTag = new KeyValuePair<string, object?>("mcpsdk.endpoint", endpointName);

        // Captured once: a token stays readable after its source is disposed (it was cancelled first), so work that
        // outlives disposal by a moment never touches a disposed source.
        ClosingToken = _closing.Token;
    }

    /// <summary>Cancelled when the pool begins to close.</summary>
    public CancellationToken ClosingToken { get; }

    public int Starting => Volatile.Read(ref _starting);

    public bool IsClosed
    {
        get
        {
            lock (_sync)
            {
                return _closed;
            }
        }
    }

    /// <summary>
    /// Opens the first sessions (<c>MinSessions</c>, at least one) unless a session is live. Callers that arrive while
    /// they open wait for the same opening; after a failed one, the next caller tries again.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Task first;
        lock (_sync)
        {
            if (_closed)
            {
                return Task.FromException(new ObjectDisposedException(nameof(McpConnection), $"The MCP connection to '{_endpointName}' was disposed."));
            }

            if (_firstOpening is { IsCompleted: false } pending)
            {
                first = pending;
            }
            else if (_live.Count > 0)
            {
                return Task.CompletedTask;
            }
            else
            {
                // Sessions already opening (for a call that came first) count toward the first ones.
                int toStart = Math.Max(0, Math.Clamp(_min, 1, _max) - _starting);
                ReserveLocked(toStart);
                first = _firstOpening = ThrowFirstFailureAsync([.. _openings]);
            }
        }

        return first.WaitAsync(cancellationToken);
    }

    /// <summary>Calls are waiting for session capacity: open sessions for them, up to the maximum.</summary>
    public void RequestCapacity(int waitingCalls)
    {
        lock (_sync)
        {
            if (_closed || waitingCalls <= 0)
            {
                return;
            }

            int live = _live.Count;
            int present = live + _starting;
            int wanted = Math.Min(_max, live + (int)Math.Ceiling(waitingCalls / (double)_perSession));
            ReserveLocked(Math.Max(wanted - present, present < _max && _starting == 0 ? 1 : 0));
        }
    }

    /// <summary>Opens one more session if fewer than the minimum (at least one) live or open.</summary>
    public void ReplaceBelowMinimum()
    {
        lock (_sync)
        {
            if (!_closed && _live.Count + _starting < Math.Max(_min, 1))
            {
                ReserveLocked(1);
            }
        }
    }

    /// <summary>Adds a session that is already open (tests and benchmarks bring their own).</summary>
    public void AddOpened(IMcpSession session) => Admit(session, opened: false);

    /// <summary>
    /// Takes a session in state <paramref name="from"/> out of the pool as faulted (its end, or the failed ping
    /// <paramref name="pingFailure"/>), closes it and, below the minimum, replaces it.
    /// </summary>
    public void Retire(PooledSession session, int from, Exception? pingFailure = null)
    {
        if (!session.TryMove(from, PooledSession.Closed))
        {
            return;
        }

        _counters.OnFaulted();
        if (_live.Remove(session))
        {
            McpSdkTelemetry.PoolSessions.Add(-1, _endpointTag);
        }

        if (pingFailure is null)
        {
            Log.SessionFaulted(_logger, session.Id, _endpointName, _live.Count, Volatile.Read(ref session.InFlight));
        }
        else
        {
            Log.SessionPingFailed(_logger, session.Id, _endpointName, pingFailure);
        }

        _live.PublishCapacity();
        CloseInBackground(session.Session, "closing a faulted session");
        ReplaceBelowMinimum();
    }

    /// <summary>Closes an idle session above the minimum; false if it may not be trimmed now.</summary>
    public bool TryTrim(PooledSession session, TimeSpan idle)
    {
        lock (_sync)
        {
            if (_closed || _live.Count <= _min || !session.TryMove(PooledSession.Live, PooledSession.Draining))
            {
                return false;
            }

            _live.Remove(session);
            _draining.Add(session);
        }

        _counters.OnTrimmed();
        McpSdkTelemetry.PoolSessions.Add(-1, _endpointTag);
        Log.SessionTrimmed(_logger, session.Id, _endpointName, idle.TotalSeconds, _live.Count);
        _live.PublishCapacity();
        CloseIfIdle(session);
        return true;
    }

    /// <summary>Closes a draining session once its last call has returned.</summary>
    public void CloseIfIdle(PooledSession session)
    {
        if (Volatile.Read(ref session.InFlight) == 0 && session.TryMove(PooledSession.Draining, PooledSession.Closed))
        {
            lock (_sync)
            {
                _draining.Remove(session);
            }

            CloseInBackground(session.Session, "closing an idle session");
        }
    }

    /// <summary>Stops all opening and closes every session; false if the pool was closing already.</summary>
    public async ValueTask<bool> CloseAsync()
    {
        PooledSession[] draining;
        lock (_sync)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            draining = [.. _draining];
            _draining.Clear();
        }

        // Openings and backoffs under way end on this token; their callbacks run on the thread pool, not here.
        await _closing.CancelAsync().ConfigureAwait(false);
        PooledSession[] live = _live.TakeAll();
        if (live.Length > 0)
        {
            McpSdkTelemetry.PoolSessions.Add(-live.Length, _endpointTag);
        }

        foreach (PooledSession session in (PooledSession[])[.. live, .. draining])
        {
            Volatile.Write(ref session.State, PooledSession.Closed);
            CloseInBackground(session.Session, "closing a session");
        }

        return true;
    }

    /// <summary>
    /// Closes a session on the thread pool: the last call on a draining session returns on the caller's thread, and a
    /// stdio session's disposal ends a process, which is no work to do inside a user's call.
    /// </summary>
    private void CloseInBackground(IMcpSession session, string what) =>
        _background.Track(Task.Run(() => session.DisposeAsync().AsTask()), what);

    /// <summary>Frees the closing signal; call after every background task has ended.</summary>
    public void Dispose() => _closing.Dispose();

    private void ReserveLocked(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _starting++;

            // Task.Run only queues: the opening runs on the thread pool once this lock is released by its caller.
            Task<Exception?> opening = Task.Run(_openOne);
            _openings.Add(opening);
            _background.Track(opening, "opening a session");
        }

        _openings.RemoveAll(static opening => opening.IsCompleted);
    }

    private static async Task ThrowFirstFailureAsync(Task<Exception?>[] openings)
    {
        foreach (Exception? failure in await Task.WhenAll(openings).ConfigureAwait(false))
        {
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
    }

    /// <summary>Opens one reserved session; returns why it failed, or <see langword="null"/> once it is in the pool.</summary>
    private async Task<Exception?> OpenOneAsync()
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
                await Task.Delay(delay, _time, ClosingToken).ConfigureAwait(false);
            }

            session = await _connect(ClosingToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        if (session is not null)
        {
            Interlocked.Exchange(ref _consecutiveStartFailures, 0);
            Admit(session, opened: true);
            return null;
        }

        lock (_sync)
        {
            _starting--;
        }

        if (ClosingToken.IsCancellationRequested)
        {
            return failure;
        }

        int inRow = Interlocked.Increment(ref _consecutiveStartFailures);
        _counters.OnStartFailed();
        int live = _live.Count;
        Log.SessionStartFailed(_logger, _endpointName, inRow, live, failure!);
        if (live == 0)
        {
            // Nothing can carry the waiting calls: they fail now rather than wait for a session that may never come.
            _owner.OnNoSessionCouldOpen(failure!);
            _live.Waiters.Fail(failure!);
        }

        ReplaceBelowMinimum();
        return failure;
    }

    /// <summary>Puts an open session into the live set (or closes it, if the pool closed meanwhile) and watches its end.</summary>
    private void Admit(IMcpSession session, bool opened)
    {
        PooledSession? pooled = null;
        lock (_sync)
        {
            if (opened)
            {
                _starting--;
            }

            if (!_closed)
            {
                pooled = new PooledSession(++_nextNumber, session, _time.GetTimestamp());
                _live.Add(pooled);
            }
        }

        if (pooled is null)
        {
            CloseInBackground(session, "closing a session opened while the pool closed");
            return;
        }

        _counters.OnStarted();
        McpSdkTelemetry.PoolSessions.Add(1, _endpointTag);
        Log.SessionStarted(_logger, pooled.Id, _endpointName, session.SessionId, _live.Count);
        _background.Track(WatchAsync(pooled), "watching a session");
        _live.PublishCapacity();
    }

    /// <summary>Waits for the session to end; an end nobody asked for retires it and, below the minimum, replaces it.</summary>
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
}
