using System;

namespace McpSdk;

/// <summary>
/// The call's <see cref="TimeoutAttribute"/> deadline passed. The server request, if it had started, was cancelled
/// (<c>notifications/cancelled</c>). The message says where the time went: waiting in the queue or running.
/// </summary>
public sealed class McpSdkTimeoutException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpSdkTimeoutException(string toolName, TimeSpan deadline, TimeSpan queued, TimeSpan running, Exception? innerException = null)
        : base(toolName, $"Call of tool '{toolName}' did not finish within its {deadline.TotalMilliseconds:0} ms deadline " +
                         $"({queued.TotalMilliseconds:0} ms waiting in the queue, {running.TotalMilliseconds:0} ms running on the server). " +
                         (running == TimeSpan.Zero
                             ? "It never started: raise [MaxConcurrency] or lower the load on this tool."
                             : "The server request was cancelled: raise [Timeout] if the tool is slow by nature."),
               innerException)
    {
        Deadline = deadline;
        Queued = queued;
        Running = running;
    }

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>How long the call waited for a slot (all attempts together).</summary>
    public TimeSpan Queued { get; }

    /// <summary>How long the call ran on the server (all attempts together).</summary>
    public TimeSpan Running { get; }
}
