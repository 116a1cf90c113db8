using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpSdk.Invocation;

namespace McpSdk.Engine.Tasks;

// The minimum of the 2025-11-25 tasks utility (SEP-1686) the lean engine reads and writes; the official SDK 2.4.0 has
// none of it. Unknown members are ignored, so a server's additions (_meta, createdAt, …) cost nothing.

/// <summary>A task as the server describes it: <c>tasks/get</c>'s and <c>tasks/cancel</c>'s result, a status notification's params.</summary>
internal sealed class WireTask
{
    [JsonPropertyName("taskId")]
    public string TaskId { get; set; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; set; } = string.Empty;

    [JsonPropertyName("statusMessage")]
    public string? StatusMessage { get; set; }

    /// <summary>ISO 8601; orders statuses that reach the client by different ways (a poll's reply, a notification).</summary>
    [JsonPropertyName("lastUpdatedAt")]
    public string? LastUpdatedAt { get; set; }

    /// <summary>Milliseconds; null when the server keeps the task without limit.</summary>
    [JsonPropertyName("ttl")]
    public long? Ttl { get; set; }

    /// <summary>Milliseconds the server asks the client to wait between polls.</summary>
    [JsonPropertyName("pollInterval")]
    public long? PollInterval { get; set; }
}

/// <summary>What a task-augmented <c>tools/call</c> answers: the task it created.</summary>
internal sealed class WireCreateTaskResult
{
    [JsonPropertyName("task")]
    public WireTask? Task { get; set; }
}

/// <summary>The params of <c>tasks/get</c>, <c>tasks/result</c> and <c>tasks/cancel</c>.</summary>
internal sealed class WireTaskIdParams
{
    [JsonPropertyName("taskId")]
    public string TaskId { get; set; } = string.Empty;
}

/// <summary>The part of a <c>tools/list</c> page the connection keeps: how each tool may run as a task, and its input schema.</summary>
internal sealed class WireToolExecutionPage
{
    [JsonPropertyName("tools")]
    public List<WireToolExecution> Tools { get; set; } = [];

    [JsonPropertyName("nextCursor")]
    public string? NextCursor { get; set; }
}

internal sealed class WireToolExecution
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("execution")]
    public WireExecution? Execution { get; set; }

    /// <summary>Read for its <c>x-mcp-header</c> annotations (<see cref="ParamHeaderTable"/>).</summary>
    [JsonPropertyName("inputSchema")]
    public JsonElement InputSchema { get; set; }
}

internal sealed class WireExecution
{
    /// <summary><c>required</c>, <c>optional</c> or <c>forbidden</c> (the default when absent).</summary>
    [JsonPropertyName("taskSupport")]
    public string? TaskSupport { get; set; }
}

/// <summary>The params of <c>tools/list</c> when paging.</summary>
internal sealed class WireCursorParams
{
    [JsonPropertyName("cursor")]
    public string? Cursor { get; set; }
}

/// <summary>Source-generated metadata for the task wire types: no reflection, trimmable.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WireTask))]
[JsonSerializable(typeof(WireCreateTaskResult))]
[JsonSerializable(typeof(WireTaskIdParams))]
[JsonSerializable(typeof(WireToolExecutionPage))]
[JsonSerializable(typeof(WireCursorParams))]
internal sealed partial class TaskJsonContext : JsonSerializerContext;
