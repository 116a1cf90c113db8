namespace McpSdk.Scheduling;

/// <summary>The outcome of trying to take the slots (and permit) a call needs to start.</summary>
internal enum TakeResult
{
    Taken,
    ToolFull,
    GlobalFull,
    NoPermit,
}
