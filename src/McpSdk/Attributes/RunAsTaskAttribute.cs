using System;

namespace McpSdk;

/// <summary>
/// Calls the tool as an MCP task (the 2025-11-25 <c>tasks</c> utility): the server answers <c>tools/call</c> with a task
/// handle, and the proxy polls it to its end and reads its result, so the method still returns the tool's value. Tools
/// whose <c>execution.taskSupport</c> is <c>"required"</c> are called as tasks without this attribute; with it, an
/// <c>"optional"</c> tool is too. On an interface it is the default for its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class RunAsTaskAttribute : Attribute
{
    /// <summary>
    /// How long the server keeps the task and its result after creation, in seconds (the request's <c>ttl</c>);
    /// more than 0. Default 3600 (one hour).
    /// </summary>
    public int TimeToLiveSeconds { get; init; } = 3600;
}
