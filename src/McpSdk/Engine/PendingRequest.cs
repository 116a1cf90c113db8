using System;
using System.Threading;

namespace McpSdk.Engine;

/// <summary>
/// A request of ours waiting for its reply, as the correlation table holds it. Whoever removes it from the table
/// completes it, exactly once: the reader with the reply, the caller's cancellation, or the session's end.
/// </summary>
internal abstract class PendingRequest
{
    /// <summary>The request id this waiter answers, while it is in the table.</summary>
    public long Id { get; protected set; }

    /// <summary>The method, for messages ("tools/call of 'echo'").</summary>
    public abstract string Describe();

    /// <summary>Registers the caller's cancellation; called once the request is in the table.</summary>
    public abstract void WatchCancellation(CancellationToken cancellationToken);

    /// <summary>Completes with the reply's <c>result</c>, read into the waiter's type. Runs on the reader thread.</summary>
    public abstract void SetResult(ReadOnlySpan<byte> result);

    /// <summary>
    /// Fails the request. <paramref name="resumeAsync"/> resumes the awaiting caller on the thread pool, for completions
    /// from places that must not run a caller's continuation (a cancellation callback, disposal).
    /// </summary>
    public abstract void SetException(Exception error, bool resumeAsync);

    /// <summary>Called by the caller's cancellation: the session removes the request and fails it.</summary>
    protected static readonly Action<object?, CancellationToken> s_cancel = static (state, token) =>
    {
        var pending = (PendingRequest)state!;
        pending.Owner?.Cancel(pending, token);
    };

    /// <summary>The session that sent the request.</summary>
    protected LeanSession? Owner { get; set; }
}
