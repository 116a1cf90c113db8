using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>The generator's diagnostics. IDs are stable: never renumber or reuse one.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "McpSdk.Generator";

    public static DiagnosticDescriptor MethodWithoutTool { get; } = Error(
        "MCPSDK001",
        "Method has no [McpTool] attribute",
        "Method '{0}' of MCP client interface '{1}' has no [McpTool] attribute; add [McpTool(\"tool-name\")] naming the tool it calls");

    public static DiagnosticDescriptor UnsupportedReturnType { get; } = Error(
        "MCPSDK002",
        "Unsupported return type",
        "Method '{0}' returns '{1}'; an MCP tool method must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static DiagnosticDescriptor EmptyToolName { get; } = Error(
        "MCPSDK003",
        "Empty tool name",
        "The [McpTool] name of method '{0}' is empty; give it the tool's wire name, e.g. [McpTool(\"get-sum\")]");

    public static DiagnosticDescriptor DuplicateSpecialParameter { get; } = Error(
        "MCPSDK004",
        "More than one special parameter",
        "Method '{0}' has more than one {1} parameter; keep exactly one");

    public static DiagnosticDescriptor GenericMethod { get; } = Error(
        "MCPSDK005",
        "Generic tool method",
        "Method '{0}' is generic; an MCP tool method cannot have type parameters, declare concrete argument and result types");

    public static DiagnosticDescriptor UnsupportedMember { get; } = Error(
        "MCPSDK006",
        "Interface member that is not a tool method",
        "Interface '{0}' declares {1} '{2}'; an MCP client interface may declare only tool methods, remove it");

    public static DiagnosticDescriptor ByReferenceParameter { get; } = Error(
        "MCPSDK007",
        "Parameter passed by reference",
        "Parameter '{0}' of method '{1}' is declared '{2}'; tool arguments are sent as JSON and must be passed by value");

    public static DiagnosticDescriptor InvalidJsonContext { get; } = Error(
        "MCPSDK008",
        "JsonContext is not a JsonSerializerContext",
        "JsonContext '{0}' of interface '{1}' must be a class deriving from System.Text.Json.Serialization.JsonSerializerContext");

    public static DiagnosticDescriptor GenericInterface { get; } = Error(
        "MCPSDK009",
        "Generic client interface",
        "Interface '{0}' is generic; an [McpClient] interface cannot have type parameters");

    public static DiagnosticDescriptor InaccessibleInterface { get; } = Error(
        "MCPSDK010",
        "Client interface not accessible to its proxy",
        "Interface '{0}' is private or protected; the generated proxy needs it to be public or internal");

    public static DiagnosticDescriptor InvalidPolicyValue { get; } = Error(
        "MCPSDK011",
        "Invalid policy attribute value",
        "[{0}] on '{1}' has the value {2}, which is invalid: {3}");

    public static DiagnosticDescriptor ConflictingToolPolicy { get; } = new(
        "MCPSDK012",
        "Methods calling one tool declare different limits",
        "Methods '{0}' and '{1}' both call tool '{2}' but declare different {3}; they share the tool's limits, so the strictest applies at run time",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor UnsupportedParameterType { get; } = Error(
        "MCPSDK013",
        "Parameter type that cannot be a tool argument",
        "Parameter '{0}' of method '{1}' has type '{2}', which cannot be sent as a tool argument: {3}");

    public static DiagnosticDescriptor EmptyArgumentName { get; } = Error(
        "MCPSDK014",
        "Empty argument wire name",
        "The [McpArgument] name of parameter '{0}' of method '{1}' is empty; give the argument's wire name, or remove the attribute to send the parameter's own name");

    public static DiagnosticDescriptor DuplicateArgumentName { get; } = Error(
        "MCPSDK015",
        "Two arguments with one wire name",
        "Parameters '{0}' and '{1}' of method '{2}' are both sent as argument '{3}'; give one of them another name with [McpArgument(\"name\")]");

    // A warning: the call fails only where reflection-based serialization is off (trimming, Native AOT), and an
    // application that keeps reflection on may name a context for some types only.
    public static DiagnosticDescriptor JsonContextMissingType { get; } = new(
        "MCPSDK016",
        "JsonContext has no metadata for a type a method needs",
        "JsonContext '{0}' of interface '{1}' has no [JsonSerializable(typeof({2}))], which '{3}' needs; add it to the context, or the call fails where reflection-based serialization is off (trimmed or Native AOT applications)",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ClientTypeWithoutMcpClient { get; } = Error(
        "MCPSDK017",
        "Client type has no [McpClient] attribute",
        "'{0}' has no [McpClient] attribute, so no proxy is generated for it and {1} would fail at run time; mark the interface [McpClient] or pass an interface that has it");

    public static DiagnosticDescriptor UnawaitableTaskHandle { get; } = Error(
        "MCPSDK018",
        "Task handle returned without Task or ValueTask",
        "Method '{0}' returns '{1}', but a task handle exists only once the server has created the task; return Task<{1}> or ValueTask<{1}>");

    public static DiagnosticDescriptor TaskHandleInsideResult { get; } = Error(
        "MCPSDK019",
        "Task handle inside a tool's value",
        "Method '{0}' returns '{1}', which has an McpTask<T> inside the value it reads; a task handle is never part of a tool's result: return Task<McpTask<T>> or ValueTask<McpTask<T>> with T the value the task ends with, or the value itself");

    public static DiagnosticDescriptor UnreadableResultType { get; } = Error(
        "MCPSDK020",
        "Result type that cannot be read from a tool's answer",
        "Method '{0}' returns '{1}', which cannot be read from a tool's answer: {2}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
