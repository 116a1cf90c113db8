using McpSdk.Generators.Common;

namespace McpSdk.Generators.Model;

// Models hold only strings, enums, bools and equatable arrays: the incremental cache compares them
// structurally, and no ISymbol, syntax node or Compilation may stay alive between runs.

/// <summary>Everything the emitter needs to write one proxy.</summary>
/// <param name="Namespace">The interface's namespace, or <see langword="null"/> for the global namespace.</param>
/// <param name="InterfaceName">The interface's simple name, for messages.</param>
/// <param name="InterfaceType">The interface, fully qualified with <c>global::</c>.</param>
/// <param name="ProxyName">The generated class's name.</param>
/// <param name="HintName">The generated file's unique name.</param>
/// <param name="JsonContextType">The fully qualified JSON context from <c>[McpClient(JsonContext = …)]</c>, if any.</param>
/// <param name="Methods">The tool methods, those of base interfaces included.</param>
/// <param name="JsonTypes">One entry per distinct type serialised or deserialised with JSON.</param>
/// <param name="ResultReaders">One entry per distinct JSON result type.</param>
/// <param name="EnumTypes">The enums the interface's types carry, fully qualified, sorted: each gets a string converter.</param>
/// <param name="Functions">The AI functions' extension class; <see langword="null"/> when the compilation lacks Microsoft.Extensions.AI.</param>
internal sealed record ClientSpec(
    string? Namespace,
    string InterfaceName,
    string InterfaceType,
    string ProxyName,
    string HintName,
    string? JsonContextType,
    ImmutableEquatableArray<MethodSpec> Methods,
    ImmutableEquatableArray<JsonTypeSpec> JsonTypes,
    ImmutableEquatableArray<ResultReaderSpec> ResultReaders,
    ImmutableEquatableArray<string> EnumTypes,
    FunctionsSpec? Functions);

/// <summary>The static class that turns the interface's methods into Microsoft.Extensions.AI functions.</summary>
/// <param name="ClassName">Its name, e.g. <c>EverythingToolsAIFunctionExtensions</c>.</param>
/// <param name="HintName">The generated file's unique name.</param>
/// <param name="IsPublic">Whether the interface is visible outside its assembly, and so the class.</param>
internal sealed record FunctionsSpec(string ClassName, string HintName, bool IsPublic);
