using System;

namespace McpSdk.Scheduling;

/// <summary>
/// A queued call's place in line: lower goes first. <see cref="Key"/> is the aging clock at enqueue minus
/// priority × aging step, so waiting <c>K</c> admissions is worth one priority level without ever re-sorting
/// the queue; <see cref="Sequence"/> keeps FIFO order among equal keys.
/// </summary>
internal readonly record struct WaiterOrder(long Key, long Sequence) : IComparable<WaiterOrder>
{
    public int CompareTo(WaiterOrder other)
    {
        int byKey = Key.CompareTo(other.Key);
        return byKey != 0 ? byKey : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(WaiterOrder left, WaiterOrder right) => left.CompareTo(right) < 0;

    public static bool operator >(WaiterOrder left, WaiterOrder right) => left.CompareTo(right) > 0;

    public static bool operator <=(WaiterOrder left, WaiterOrder right) => left.CompareTo(right) <= 0;

    public static bool operator >=(WaiterOrder left, WaiterOrder right) => left.CompareTo(right) >= 0;
}
