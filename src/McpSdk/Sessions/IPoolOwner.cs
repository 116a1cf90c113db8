using System;

namespace McpSdk.Sessions;

/// <summary>
/// What the session pool reports to the one object that owns it (the connection's core). The pool never reaches the
/// scheduler or the invoker itself: its owner decides what a change means for the calls.
/// </summary>
internal interface IPoolOwner
{
    /// <summary>The live sessions now carry <paramref name="capacity"/> calls (<see cref="int.MaxValue"/>: unbounded).</summary>
    void OnCapacityChanged(int capacity);

    /// <summary>An opening failed with <paramref name="failure"/> while no session is live: nothing can carry waiting calls.</summary>
    void OnNoSessionCouldOpen(Exception failure);
}
