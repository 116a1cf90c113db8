using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpSdk.Generators.Common;
using McpSdk.Generators.Model;

namespace McpSdk.Generators;

/// <summary>
/// Writes the <c>AsAIFunctions()</c> extension of one interface: per tool method a Microsoft.Extensions.AI function with a
/// constant schema, whose invocation binds the model's arguments with the interface's JSON metadata and calls the method.
/// Pure: spec in, text out.
/// </summary>
internal static class FunctionsEmitter
{
    private const string Agents = "global::McpSdk.Agents";
    private const string JsonTypeInfo = "global::System.Text.Json.Serialization.Metadata.JsonTypeInfo";

    public static string Emit(ClientSpec spec, FunctionsSpec functions) =>
        Emitter.WriteFile(spec, pragma: null, writer => WriteClass(writer, spec, functions));

    private static void WriteClass(SourceWriter writer, ClientSpec spec, FunctionsSpec functions)
    {
        Dictionary<MethodSpec, string> names = MethodNames(spec);
        writer.WriteLine($"/// <summary>The tool methods of <see cref=\"{spec.InterfaceType}\"/> as Microsoft.Extensions.AI functions.</summary>");
        writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"McpSdk.Generators\", \"{ThisAssembly.Version}\")]");
        writer.OpenBlock($"{(functions.IsPublic ? "public" : "internal")} static class {functions.ClassName}");

        Emitter.WriteJsonOptions(writer, spec);
        foreach (MethodSpec method in spec.Methods.Where(names.ContainsKey))
        {
            // The schema is a constant, parsed once: nothing about it is reflected at run time.
            string schema = Emitter.Literal(method.ArgumentsSchema) + "u8";
            writer.WriteLine($"private static readonly global::System.Text.Json.JsonElement s_{names[method]}Schema = {Agents}.McpAIFunction.ParseSchema({schema});");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// One function per tool method, for an <c>IChatClient</c> with <c>FunctionInvokingChatClient</c>. Each invocation");
        writer.WriteLine("/// calls the method on <paramref name=\"tools\"/>, so the tool's policy (<c>[MaxConcurrency]</c>, <c>[RateLimit]</c>,");
        writer.WriteLine("/// <c>[Timeout]</c>, <c>[Retry]</c>, priority) applies to the model's calls, each counted once in the connection's statistics.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"tools\">The client, from <c>McpConnection.CreateClient</c>.</param>");
        writer.WriteLine("/// <param name=\"options\">Function names and error handling; <see langword=\"null\"/> for the defaults.</param>");
        writer.OpenBlock(
            $"public static global::System.Collections.Generic.IReadOnlyList<global::Microsoft.Extensions.AI.AIFunction> AsAIFunctions(this {spec.InterfaceType} tools, global::McpSdk.McpAIFunctionOptions? options = null)");
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(tools);");
        writer.WriteLine("var json = new Metadata();");
        writer.WriteLine("return new global::Microsoft.Extensions.AI.AIFunction[]");
        writer.OpenBlock();
        foreach (MethodSpec method in spec.Methods.Where(names.ContainsKey))
        {
            string description = method.Description is null ? "null" : Emitter.Literal(method.Description);
            writer.WriteLine(
                $"{Agents}.McpAIFunction.Create({Emitter.Literal(method.ToolName)}, {description}, s_{names[method]}Schema, options, " +
                $"(arguments, cancellationToken) => Invoke{Pascal(names[method])}(tools, json, arguments, cancellationToken)),");
        }

        writer.CloseBlock(";");
        writer.CloseBlock();

        foreach (MethodSpec method in spec.Methods.Where(names.ContainsKey))
        {
            writer.WriteLine();
            WriteInvoke(writer, spec, method, Pascal(names[method]));
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>The interface's JSON metadata, resolved as its proxy resolves it.</summary>");
        writer.OpenBlock("private sealed class Metadata");
        writer.WriteLine("#nullable disable annotations"); // as the proxy's fields: one per type, whatever its nullability
        foreach (JsonTypeSpec json in spec.JsonTypes)
        {
            writer.WriteLine(
                $"public readonly {JsonTypeInfo}<{json.Type}> {json.FieldName} = global::McpSdk.Serialization.McpJson.GetTypeInfo<{json.Type}>(s_json, {Emitter.Literal(spec.InterfaceName)});");
        }

        writer.WriteLine("#nullable enable annotations");
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteInvoke(SourceWriter writer, ClientSpec spec, MethodSpec method, string name)
    {
        writer.OpenBlock(
            $"private static async global::System.Threading.Tasks.ValueTask<object?> Invoke{name}({spec.InterfaceType} tools, Metadata json, " +
            $"{Agents}.McpAIFunctionArguments arguments, global::System.Threading.CancellationToken cancellationToken)");
        string[] values = method.Parameters.Select(Binding).ToArray();
        string call = $"(({method.DeclaringInterfaceType})tools).{method.Name}({string.Join(", ", values)})";
        string awaited = $"await {call}.ConfigureAwait(false)";
        if (method.TaskHandle != TaskHandleKind.None)
        {
            // A model cannot hold a handle: the function collects the task's value. Nobody else has the handle, so a
            // cancelled wait cancels the task too (bounded, best effort) instead of leaving it to run unseen until its TTL.
            writer.WriteLine($"var task = {(method.TaskHandle == TaskHandleKind.NullableHandle ? $"({awaited})!" : awaited)};");
            writer.WriteLine(ReturnValue(spec, method, "await task.GetResultOrCancelAsync(null, cancellationToken).ConfigureAwait(false)"));
        }
        else if (method.Result == ResultKind.None)
        {
            writer.WriteLine(awaited + ";");
            writer.WriteLine("return null;");
        }
        else
        {
            writer.WriteLine(ReturnValue(spec, method, awaited));
        }

        writer.CloseBlock();
    }

    /// <summary>The statement that returns the value <paramref name="awaited"/> gives, as the model sees it.</summary>
    private static string ReturnValue(ClientSpec spec, MethodSpec method, string awaited)
    {
        switch (method.Result)
        {
            case ResultKind.Text:
                return $"return {awaited};";
            case ResultKind.Raw:
                return $"return {Agents}.McpAIFunctionResults.Raw(({awaited}){(method.ResultAllowsNull ? "!" : string.Empty)});";
            default:
                ResultReaderSpec reader = spec.ResultReaders.First(r => r.FieldName == method.ResultReaderField);
                string value = method.Result == ResultKind.WithResult ? $"({awaited}).Value" : $"({awaited})";
                return reader.JsonField is null
                    ? $"return {value};"
                    : $"return {Agents}.McpAIFunctionResults.Json({value}{(reader.Nullability == Nullability.Reference ? "!" : string.Empty)}, json.{reader.JsonField});";
        }
    }

    /// <summary>The expression that reads one parameter's value from the model's arguments.</summary>
    private static string Binding(ParameterSpec parameter)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.CancellationToken:
                return "cancellationToken";
            case ParameterKind.Progress:
                return "null!";
        }

        string wire = Emitter.Literal(parameter.WireName);
        string field = "json." + parameter.JsonField;
        return parameter.Omission switch
        {
            ArgumentOmission.WhenNullValue => $"arguments.OptionalValue({wire}, {field}, {parameter.DefaultValue ?? "null"})",
            ArgumentOmission.WhenNullReference => $"arguments.Optional({wire}, {field}, {parameter.DefaultValue ?? "null"})",
            _ when parameter.DefaultValue is { } fallback => $"arguments.Optional({wire}, {field}, {fallback})" + (parameter.IsValueType ? string.Empty : "!"),
            _ => $"arguments.Required({wire}, {field})",
        };
    }

    /// <summary>
    /// One name per function (<c>searchAsync</c>), numbered where overloads share one. A model sees one function per tool:
    /// where several methods call the same tool, the first declared is its function.
    /// </summary>
    private static Dictionary<MethodSpec, string> MethodNames(ClientSpec spec)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var tools = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<MethodSpec, string>();
        foreach (MethodSpec method in spec.Methods.Where(method => tools.Add(method.ToolName)))
        {
            string name = method.Name.TrimStart('@');
            string baseName = char.ToLowerInvariant(name[0]) + name.Substring(1);
            string candidate = baseName;
            for (int i = 2; !used.Add(candidate); i++)
            {
                candidate = baseName + i.ToString(CultureInfo.InvariantCulture);
            }

            names[method] = candidate;
        }

        return names;
    }

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
}
