using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace McpSdk.Sessions;

/// <summary>
/// The sessions of one connection: opens <c>MinSessions</c> up front, grows by demand up to <c>MaxSessions</c>, routes
/// each call to the least-loaded live session, replaces sessions that end, pings idle ones and closes those idle too
/// long. The scheduler decides when a call runs; the pool decides where.
/// </summary>
/// <remarks>
/// Three parts, each in its own file: <see cref="LiveSessions"/> (routing, capacity), <see cref="SessionLifecycle"/>
/// (open, replace, close) and <see cref="SessionHealth"/> (ping, suspect, trim). The pool reports capacity changes and
/// openings that leave nothing live to its owner (<see cref="IPoolOwner"/>) and calls nothing else above it.
/// </remarks>
internal sealed class SessionPool : IAsyncDisposable
{
    private readonly LiveSessions _live;
    private readonly SessionLifecycle _lifecycle;
    private readonly SessionHealth _health;
    private readonly BackgroundWork _background;
    private readonly PoolCounters _counters = new();
    private readonly TimeProvider _time;

    public SessionPool(
        Func<CancellationToken, Task<IMcpSession>> connect, string endpointName, McpConnectionOptions options, ILogger logger, IPoolOwner owner)
    {
        _time = options.TimeProvider;
        _background = new BackgroundWork(logger, endpointName);
        _live = new LiveSessions(Math.Max(options.MaxSessions, 1), options.MaxCallsPerSession, owner);
        _lifecycle = new SessionLifecycle(connect, endpointName, options, logger, _live, _counters, _background, owner);
        _health = new SessionHealth(_live, _lifecycle, _background, options);
    }

    /// <summary>Opens the first sessions (at least one, at most <c>MaxSessions</c>) unless one is live, and waits for them.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _lifecycle.StartAsync(cancellationToken);

    /// <summary>Adds a session that is already open (tests and benchmarks bring their own).</summary>
    public void AddOpened(IMcpSession session) => _lifecycle.AddOpened(session);

    /// <summary>The least-loaded live session, now carrying one more call; <see langword="null"/> if none lives.</summary>
    public PooledSession? Route()
    {
        PooledSession? routed = _live.Route(out PooledSession? toClose);
        if (toClose is not null)
        {
            _lifecycle.CloseIfIdle(toClose);
        }

        return routed;
    }

    /// <summary>Ends a call's use of <paramref name="session"/>; a draining session closes with its last call.</summary>
    public void Return(PooledSession session)
    {
        if (LiveSessions.Return(session, _time.GetTimestamp()))
        {
            _lifecycle.CloseIfIdle(session);
        }
    }

    /// <summary>
    /// Registers a wait for a live session, for a caller outside the scheduler; register before <see cref="Route"/> so a
    /// session that becomes live in between is not missed, and dispose the wait when done.
    /// </summary>
    public LiveSessionWaiters.Waiter WaitForLive(CancellationToken cancellationToken) => _live.Waiters.Register(cancellationToken);

    /// <summary>How many waits for a live session are registered.</summary>
    internal int LiveWaiters => _live.Waiters.Count;

    /// <summary>Calls are waiting for session capacity: open sessions for them (on the thread pool), up to the maximum.</summary>
    public void RequestCapacity(int waitingCalls) => _lifecycle.RequestCapacity(waitingCalls);

    /// <inheritdoc cref="SessionHealth.Suspect"/>
    public void Suspect(PooledSession session) => _health.Suspect(session);

    public McpPoolStats Snapshot()
    {
        PooledSession[] members = _live.Members;
        return _counters.Snapshot(members.Length, _lifecycle.Starting, members.Select(session => session.Snapshot()).ToArray());
    }

    /// <summary>
    /// Closes in a stated order: waits for a live session end at once, the health checks stop (waiting out one under
    /// way), openings are cancelled and every session is closed, then every background task is awaited, and only then
    /// is the closing signal freed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _live.Waiters.Close();
        await _health.StopAsync().ConfigureAwait(false);
        if (!await _lifecycle.CloseAsync().ConfigureAwait(false))
        {
            return;
        }

        await _background.DrainAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }
}
