namespace McpSdk;

/// <summary>The order in which queued calls get a free slot. Waiting raises a call's priority over time (aging).</summary>
public enum McpPriority
{
    /// <summary>Background work; still runs under sustained higher-priority load, thanks to aging.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Ahead of normal work.</summary>
    High = 2,

    /// <summary>Ahead of everything else.</summary>
    Critical = 3,
}
