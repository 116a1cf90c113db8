using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;

namespace McpSdk.Sessions;

/// <summary>
/// The pool's health work, all on the connection's <see cref="TimeProvider"/>: a periodic check that trims sessions idle
/// too long and pings the others, and the verdict on suspects (sessions a call saw fail as if lost).
/// </summary>
internal sealed class SessionHealth
{
    private static readonly TimeSpan s_minPingTimeout = TimeSpan.FromSeconds(5);

    private readonly LiveSessions _live;
    private readonly SessionLifecycle _lifecycle;
    private readonly BackgroundWork _background;
    private readonly TimeProvider _time;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _pingTimeout;
    private readonly ITimer _timer;
    private readonly TaskCompletionSource _tickEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _tickRunning;
    private int _stopped;

    public SessionHealth(LiveSessions live, SessionLifecycle lifecycle, BackgroundWork background, McpConnectionOptions options)
    {
        _live = live;
        _lifecycle = lifecycle;
        _background = background;
        _time = options.TimeProvider;
        _idleTimeout = options.SessionIdleTimeout;

        // A short check interval must not make a busy session look dead: a ping gets at least 5 seconds.
        _pingTimeout = options.HealthCheckInterval > s_minPingTimeout ? options.HealthCheckInterval : s_minPingTimeout;
        _timer = _time.CreateTimer(static state => ((SessionHealth)state!).OnTick(), this, options.HealthCheckInterval, options.HealthCheckInterval);
        LiveResourceCounters.TimerCreated();
    }

    /// <summary>
    /// A call on <paramref name="session"/> failed as if the session were lost. A dead session may report its end later
    /// than it fails the calls on it, so it stops taking calls at once and is pinged: alive, it takes calls again; dead,
    /// it is retired (and replaced below the minimum). Its share of the capacity goes while it is a suspect, so calls
    /// wait for the verdict (or a new session) instead of failing for want of a live session.
    /// </summary>
    public void Suspect(PooledSession session)
    {
        if (session.TryMove(PooledSession.Live, PooledSession.Suspect))
        {
            _live.PublishCapacity();
            _background.Track(CheckSuspectAsync(session), "pinging a suspect session");
        }
    }

    /// <summary>Stops the checks; completes once a check under way has ended, so nothing it uses is disposed under it.</summary>
    public async ValueTask StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        LiveResourceCounters.TimerDisposed();

        // Full fences on both sides (here and at the end of OnTick): either the tick sees the stop, or this sees the tick.
        if (Interlocked.CompareExchange(ref _tickRunning, 0, 0) != 0)
        {
            await _tickEnded.Task.ConfigureAwait(false);
        }
    }

    private bool IsStopped => Volatile.Read(ref _stopped) != 0;

    private async Task CheckSuspectAsync(PooledSession session)
    {
        Exception? failure = null;
        using (var timeout = new CancellationTokenSource(s_minPingTimeout, _time))
        {
            try
            {
                await session.Session.PingAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        }

        if (failure is null && !session.Session.Completion.IsCompleted && session.TryMove(PooledSession.Suspect, PooledSession.Live))
        {
            _live.PublishCapacity();
        }
        else
        {
            _lifecycle.Retire(session, PooledSession.Suspect, failure);
        }
    }

    private void OnTick()
    {
        if (Interlocked.Exchange(ref _tickRunning, 1) != 0)
        {
            return;
        }

        try
        {
            long now = _time.GetTimestamp();
            foreach (PooledSession session in _live.Members)
            {
                if (IsStopped)
                {
                    return;
                }

                if (Volatile.Read(ref session.InFlight) != 0)
                {
                    continue;
                }

                TimeSpan idle = _time.GetElapsedTime(Volatile.Read(ref session.LastUsedTimestamp), now);
                if (idle >= _idleTimeout && _lifecycle.TryTrim(session, idle))
                {
                    continue;
                }

                _background.Track(PingAsync(session), "pinging a session");
            }

            if (!IsStopped)
            {
                _lifecycle.ReplaceBelowMinimum();
            }
        }
        finally
        {
            Interlocked.Exchange(ref _tickRunning, 0);
            if (IsStopped)
            {
                _tickEnded.TrySetResult();
            }
        }
    }

    private async Task PingAsync(PooledSession session)
    {
        using var timeout = new CancellationTokenSource(_pingTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _lifecycle.ClosingToken);
        try
        {
            await session.Session.PingAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!_lifecycle.ClosingToken.IsCancellationRequested)
        {
            _lifecycle.Retire(session, PooledSession.Live, exception);
        }
        catch (Exception)
        {
            // The pool is closing.
        }
    }
}
