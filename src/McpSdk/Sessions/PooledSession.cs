using System.Threading;

namespace McpSdk.Sessions;

/// <summary>One session in the pool, with the counters routing reads without a lock.</summary>
internal sealed class PooledSession
{
    public const int Live = 0;
    public const int Draining = 1;
    public const int Closed = 2;
    public const int Suspect = 3;

    internal int InFlight;
    internal long LastUsedTimestamp;
    internal long Calls;
    internal int State;

    public PooledSession(int id, IMcpSession session, long now)
    {
        Id = id;
        Session = session;
        LastUsedTimestamp = now;
    }

    /// <summary>The pool's number for this session (1, 2, …), stable for its life.</summary>
    public int Id { get; }

    public IMcpSession Session { get; }

    public bool IsLive => Volatile.Read(ref State) == Live;

    /// <summary>Moves the session from <paramref name="from"/> to <paramref name="to"/>; false if it was elsewhere.</summary>
    public bool TryMove(int from, int to) => Interlocked.CompareExchange(ref State, to, from) == from;

    public McpSessionStats Snapshot() => new(Id, Session.SessionId, Volatile.Read(ref InFlight), Volatile.Read(ref Calls))
    {
        ProtocolVersion = Session.ProtocolVersion,
    };
}
