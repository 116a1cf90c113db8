using System;

namespace McpSdk.Invocation;

/// <summary>Where a call with a deadline spent its time, over all attempts: waiting for a slot or running.</summary>
internal sealed class CallTimer
{
    public TimeSpan Queued { get; set; }

    public TimeSpan Running { get; set; }
}
