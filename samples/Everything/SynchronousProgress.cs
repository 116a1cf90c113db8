using System;
using McpSdk;

namespace Everything;

/// <summary>
/// Reports on the thread that received the notification. <see cref="Progress{T}"/> posts to the thread pool
/// instead, so its lines could print after the call's result.
/// </summary>
internal sealed class SynchronousProgress(Action<McpProgress> report) : IProgress<McpProgress>
{
    public void Report(McpProgress value) => report(value);
}
