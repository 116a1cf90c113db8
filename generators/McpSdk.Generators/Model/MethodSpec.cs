using McpSdk.Generators.Common;

namespace McpSdk.Generators.Model;

/// <summary>One interface method that calls a tool.</summary>
/// <param name="Name">The method's name as written in code (with <c>@</c> for keywords).</param>
/// <param name="DisplayName">The method for messages, e.g. <c>IEverythingTools.EchoAsync</c> (its declaring interface).</param>
/// <param name="DeclaringInterfaceType">The interface that declares it (a base interface for inherited methods), fully qualified.</param>
/// <param name="ToolName">The tool's wire name.</param>
/// <param name="ReturnType">The declared return type, fully qualified.</param>
/// <param name="Awaitable">Task or ValueTask, generic or not.</param>
/// <param name="TaskHandle">Whether the method returns an <c>McpTask&lt;T&gt;</c> handle instead of the value.</param>
/// <param name="Result">How the result is read (for a handle: how the task's result becomes its <c>T</c>).</param>
/// <param name="ResultAllowsNull">Whether the declared result type (for a handle: its <c>T</c>) is nullable.</param>
/// <param name="ResultReaderField">For <see cref="ResultKind.Json"/> and <see cref="ResultKind.WithResult"/>: the reader field the proxy holds.</param>
/// <param name="Parameters">The parameters, in declaration order.</param>
/// <param name="Policy">The declared concurrency policy.</param>
/// <param name="Description">For the model: <c>[Description]</c>, else the XML doc's summary; <see langword="null"/> when neither.</param>
/// <param name="ArgumentsSchema">The arguments' JSON schema, compact, written from the C# parameter types.</param>
internal sealed record MethodSpec(
    string Name,
    string DisplayName,
    string DeclaringInterfaceType,
    string ToolName,
    string ReturnType,
    AwaitableKind Awaitable,
    TaskHandleKind TaskHandle,
    ResultKind Result,
    bool ResultAllowsNull,
    string? ResultReaderField,
    ImmutableEquatableArray<ParameterSpec> Parameters,
    PolicySpec Policy,
    string? Description,
    string ArgumentsSchema);

/// <summary>The awaitable an interface method returns.</summary>
internal enum AwaitableKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>Whether the awaitable's value is the tool's value or a handle on the MCP task computing it.</summary>
internal enum TaskHandleKind
{
    /// <summary>The tool's value: the call is awaited to its end.</summary>
    None,

    /// <summary><c>McpTask&lt;T&gt;</c>: the proxy returns once the server has created the task.</summary>
    Handle,

    /// <summary><c>McpTask&lt;T&gt;?</c>: as <see cref="Handle"/>, declared nullable (the proxy never returns null).</summary>
    NullableHandle,
}

/// <summary>How a call's result becomes the declared value.</summary>
internal enum ResultKind
{
    /// <summary>Task / ValueTask: success is checked, content discarded.</summary>
    None,

    /// <summary>string: the text content.</summary>
    Text,

    /// <summary>CallToolResult: the raw result, even when it is an error.</summary>
    Raw,

    /// <summary>Any other T: structuredContent, else JSON text content.</summary>
    Json,

    /// <summary>McpToolResult&lt;T&gt;: T read as above, with the raw result.</summary>
    WithResult,
}
