using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Testing;

namespace McpSdk.Soak;

/// <summary>
/// One kind of call the soak makes: the method it calls, how often it is picked among its peers, the fault it injects
/// (none for the healthy mix) and the deadline it must end by.
/// </summary>
internal sealed class SoakCallKind(
    string name, string tool, string? fault, int weight, TimeSpan? policyTimeout, TimeSpan callerDeadline,
    Func<ISoakTools, LateProgress, CancellationToken, Task> invoke)
{
    /// <summary>Its row in the tables.</summary>
    public int Index { get; set; }

    /// <summary>The interface method (and argument) it calls.</summary>
    public string Name { get; } = name;

    /// <summary>The tool's wire name, which every documented failure must carry.</summary>
    public string Tool { get; } = tool;

    /// <summary>The fault it injects, or <see langword="null"/> for a call of the healthy mix.</summary>
    public string? Fault { get; } = fault;

    /// <summary>How often it is picked, relative to the other kinds of its group (healthy or fault).</summary>
    public int Weight { get; } = weight;

    /// <summary>The caller's own deadline: the token passed to the call is cancelled then.</summary>
    public TimeSpan CallerDeadline { get; } = callerDeadline;

    /// <summary>When the call must have ended: the earlier of its <c>[Timeout]</c> and the caller's deadline.</summary>
    public TimeSpan Deadline { get; } = policyTimeout is { } timeout && timeout < callerDeadline ? timeout : callerDeadline;

    public Task InvokeAsync(ISoakTools tools, LateProgress late, CancellationToken cancellationToken) => invoke(tools, late, cancellationToken);
}
