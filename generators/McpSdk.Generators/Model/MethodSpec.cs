using McpSdk.Generators.Common;

namespace McpSdk.Generators.Model;

/// <summary>One interface method that calls a tool.</summary>
/// <param name="Name">The method's name.</param>
/// <param name="DeclaringInterfaceType">The interface that declares it (a base interface for inherited methods), fully qualified.</param>
/// <param name="ToolName">The tool's wire name.</param>
/// <param name="ReturnType">The declared return type, fully qualified.</param>
/// <param name="Awaitable">Task or ValueTask, generic or not.</param>
/// <param name="Result">How the result is read.</param>
/// <param name="ResultReaderField">For <see cref="ResultKind.Json"/>: the reader field the proxy holds.</param>
/// <param name="Parameters">The parameters, in declaration order.</param>
internal sealed record MethodSpec(
    string Name,
    string DeclaringInterfaceType,
    string ToolName,
    string ReturnType,
    AwaitableKind Awaitable,
    ResultKind Result,
    string? ResultReaderField,
    ImmutableEquatableArray<ParameterSpec> Parameters);

/// <summary>The awaitable an interface method returns.</summary>
internal enum AwaitableKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
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
}
