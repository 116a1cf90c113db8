using System;

namespace McpSdk;

/// <summary>
/// At most <see cref="Limit"/> calls of the tool wait for a slot; one more fails at once with
/// <see cref="McpQueueFullException"/>. On an interface it is the default for its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class QueueLimitAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="limit">The most waiting calls; 0 or more (0: never wait, reject when no slot is free).</param>
    public QueueLimitAttribute(int limit) => Limit = limit;

    /// <summary>The most waiting calls.</summary>
    public int Limit { get; }
}
