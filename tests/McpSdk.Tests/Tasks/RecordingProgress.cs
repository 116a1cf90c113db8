using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// A synchronous progress sink: records each message in the order reported, and the task id on the reporting call's
/// span (the <c>mcpsdk.task.id</c> tag, present while an <see cref="ActivityListener"/> listens).
/// </summary>
internal sealed class RecordingProgress(Action<McpProgress>? onReport = null) : IProgress<McpProgress>
{
    private readonly List<string?> _messages = [];

    public string? TaskId { get; private set; }

    public IReadOnlyList<string?> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Report(McpProgress value)
    {
        TaskId ??= Activity.Current?.GetTagItem("mcpsdk.task.id") as string;
        lock (_messages)
        {
            _messages.Add(value.Message);
        }

        onReport?.Invoke(value);
    }

    /// <summary>Makes the SDK's spans exist for the test's lifetime, so the call's span carries the task id.</summary>
    public static ActivityListener ListenToSpans()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == McpSdkTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
