using System.Collections.Generic;
using McpSdk.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>
/// The task-handle return shape: <c>Task&lt;McpTask&lt;T&gt;&gt;</c> and <c>ValueTask&lt;McpTask&lt;T&gt;&gt;</c> start the tool as an
/// MCP task and return its handle; <c>T</c> is read from the task's result as a plain method's result would be.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>
    /// Whether <paramref name="result"/> (the awaitable's value) is an <c>McpTask&lt;T&gt;</c>; if so it becomes that
    /// <c>T</c>, the value the task ends with.
    /// </summary>
    private TaskHandleKind UnwrapTaskHandle(ref ITypeSymbol? result)
    {
        if (!IsTaskHandle(result))
        {
            return TaskHandleKind.None;
        }

        TaskHandleKind kind = result!.NullableAnnotation == NullableAnnotation.Annotated ? TaskHandleKind.NullableHandle : TaskHandleKind.Handle;
        result = ((INamedTypeSymbol)result).TypeArguments[0];
        return kind;
    }

    /// <summary>
    /// Whether an <c>McpTask&lt;T&gt;</c> sits anywhere inside <paramref name="type"/> (a type argument, an array's
    /// element, a property of the application's own types): a handle is never part of a tool's value.
    /// </summary>
    private bool ContainsTaskHandle(ITypeSymbol type) => ContainsTaskHandle(type, depth: 0, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private bool ContainsTaskHandle(ITypeSymbol type, int depth, HashSet<ITypeSymbol> visited)
    {
        if (IsTaskHandle(type))
        {
            return true;
        }

        if (depth > JsonTypeGraph.MaxDepth || !visited.Add(type))
        {
            return false;
        }

        foreach (ITypeSymbol part in JsonTypeGraph.Parts(type))
        {
            if (ContainsTaskHandle(part, depth + 1, visited))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTaskHandle(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _known.McpTaskOfT);
}
