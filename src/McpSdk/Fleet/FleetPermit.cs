using System;
using System.Threading.RateLimiting;

namespace McpSdk.Fleet;

/// <summary>
/// What an admitted fleet-scoped call holds beyond its local slots: a fleet slot leased in Redis, or, while Redis is
/// unreachable in FailOpen mode, a slot of this process's local share. Returned once, with the call's lease.
/// </summary>
internal sealed class FleetPermit
{
    private readonly FleetSlots? _slots;
    private readonly string? _slotId;
    private readonly RateLimitLease? _share;

    /// <summary>Holds nothing of its own: the tool's fleet limit is a rate only.</summary>
    public static FleetPermit RateOnly { get; } = new(null, null, null);

    public FleetPermit(FleetSlots? slots, string? slotId, RateLimitLease? share)
    {
        _slots = slots;
        _slotId = slotId;
        _share = share;
    }

    public void Return()
    {
        if (_slotId is not null)
        {
            _slots!.Return(_slotId);
        }

        _share?.Dispose();
    }
}
