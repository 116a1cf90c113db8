using System;

namespace McpSdk;

/// <summary>The place of the method's calls in the scheduler's queue. On an interface it is the default for its methods.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class PriorityAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="priority">The priority of the calls.</param>
    public PriorityAttribute(McpPriority priority) => Priority = priority;

    /// <summary>The priority of the calls.</summary>
    public McpPriority Priority { get; }
}
