using System;
using McpSdk.Fleet;
using McpSdk.Scheduling;
using McpSdk.Sessions;

namespace McpSdk.Core;

/// <summary>
/// What an admitted call holds: its tool slot and global slot (and the rate permit they were taken with), its fleet
/// slot when the tool has fleet-scoped limits, and the live session chosen for it. Disposing the lease gives all of them back, once; nothing else does.
/// </summary>
/// <remarks>
/// A struct, so that admission allocates nothing on the fast path; it is used only in a <c>using</c> declaration in the
/// invoker, never copied into a second owner.
/// </remarks>
internal readonly struct CallLease : IDisposable
{
    private readonly ConnectionCore _core;
    private readonly ToolGate _gate;
    private readonly PooledSession _session;
    private readonly FleetPermit? _fleet;

    internal CallLease(ConnectionCore core, ToolGate gate, PooledSession session, FleetPermit? fleet)
    {
        _core = core;
        _gate = gate;
        _session = session;
        _fleet = fleet;
    }

    /// <summary>The session that carries the call.</summary>
    public IMcpSession Session => _session.Session;

    /// <summary>
    /// The call failed as if its session were lost: the session takes no new call until the pool's ping decides
    /// whether it lives. The lease still has to be disposed.
    /// </summary>
    public void SessionLost() => _core.Pool.Suspect(_session);

    /// <summary>Gives the session, the slots and any fleet slot back.</summary>
    public void Dispose() => _core.Return(_session, _gate, _fleet);
}
