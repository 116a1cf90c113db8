using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Sessions;

/// <summary>
/// Callers outside the scheduler that wait for any live session: a task's follower whose session was lost keeps the
/// slots it was admitted with, so it cannot wait in the scheduler's line. The pool ends their waits: a session became
/// live (look again), the pool gave up opening one (fail with its failure), or the pool closed (look again, and find
/// the connection disposed).
/// </summary>
/// <remarks>
/// Waiting is rare (a lost session under a task), so a small lock guards the list, and the pool's signals cost one
/// volatile read when nobody waits. A wait always resumes on the thread pool: the signal comes from an opening, a ping,
/// a failure report or disposal, none of which may run a follower's next request inline.
/// </remarks>
internal sealed class LiveSessionWaiters
{
    private readonly Lock _sync = new();
    private readonly List<Waiter> _waiting = [];
    private int _count;
    private bool _closed;

    /// <summary>How many waits are registered (and not yet disposed).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Registers a wait, ended by <paramref name="cancellationToken"/> too. Register <em>before</em> looking for a live
    /// session: one that becomes live in between then ends the wait, so none is missed. Dispose it when done.
    /// </summary>
    public Waiter Register(CancellationToken cancellationToken)
    {
        var waiter = new Waiter(this);
        bool closed;
        lock (_sync)
        {
            closed = _closed;
            if (!closed)
            {
                _waiting.Add(waiter);

                // A full fence: the caller's look at the live set comes after it, as the publisher's read of the count
                // comes after its change to the live set; one of the two sees the other.
                Interlocked.Increment(ref _count);
            }
        }

        if (closed)
        {
            waiter.Signal(failure: null);
        }
        else
        {
            waiter.CancelOn(cancellationToken);
        }

        return waiter;
    }

    /// <summary>A session is live: every wait ends, to look again.</summary>
    public void Wake() => EndAll(failure: null, close: false);

    /// <summary>The pool could open no session while none is live: every wait ends with <paramref name="failure"/>.</summary>
    public void Fail(Exception failure) => EndAll(failure, close: false);

    /// <summary>The pool closes: every wait ends now, and later ones at once.</summary>
    public void Close() => EndAll(failure: null, close: true);

    private void EndAll(Exception? failure, bool close)
    {
        if (!close && Count == 0)
        {
            return;
        }

        Waiter[] ended;
        lock (_sync)
        {
            _closed |= close;
            ended = [.. _waiting];
            _waiting.Clear();
            Volatile.Write(ref _count, 0);
        }

        foreach (Waiter waiter in ended)
        {
            waiter.Signal(failure);
        }
    }

    private void Remove(Waiter waiter)
    {
        lock (_sync)
        {
            if (_waiting.Remove(waiter))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>One registered wait.</summary>
    internal sealed class Waiter : IDisposable
    {
        private readonly LiveSessionWaiters _owner;
        private readonly TaskCompletionSource<Exception?> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private CancellationTokenRegistration _cancellation;

        public Waiter(LiveSessionWaiters owner) => _owner = owner;

        /// <summary>
        /// Completes with <see langword="null"/> to look again (a session became live, or the pool closed), with the
        /// pool's failure when it gave up, or as cancelled by the token.
        /// </summary>
        public Task<Exception?> Task => _ended.Task;

        internal void Signal(Exception? failure) => _ended.TrySetResult(failure);

        internal void CancelOn(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _cancellation = cancellationToken.UnsafeRegister(
                    static (state, token) => ((TaskCompletionSource<Exception?>)state!).TrySetCanceled(token), _ended);
            }
        }

        /// <summary>Unregisters the wait and its token.</summary>
        public void Dispose()
        {
            _cancellation.Dispose();
            _owner.Remove(this);
        }
    }
}
