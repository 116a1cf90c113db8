using System;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using McpSdk.Serialization;
using Microsoft.Extensions.AI;

namespace McpSdk.Agents;

/// <summary>
/// The model's arguments of one function call, read parameter by parameter with the proxy's
/// <see cref="JsonTypeInfo{T}"/> (no reflection). A missing or unreadable argument is an
/// <see cref="McpAIFunctionArgumentException"/> that names it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct McpAIFunctionArguments
{
    private readonly string _toolName;
    private readonly AIFunctionArguments _arguments;

    internal McpAIFunctionArguments(string toolName, AIFunctionArguments arguments)
    {
        _toolName = toolName;
        _arguments = arguments;
    }

    /// <summary>The arguments as the model sent them.</summary>
    internal AIFunctionArguments Raw => _arguments;

    /// <summary>An argument without a default and not nullable: missing or null is an error.</summary>
    public T Required<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!_arguments.TryGetValue(name, out object? value))
        {
            throw new McpAIFunctionArgumentException(
                _toolName, name, $"Argument '{name}' of tool '{_toolName}' is required and was not given; call again with a value for it.");
        }

        return TryRead(name, value, typeInfo, out T read)
            ? read
            : throw new McpAIFunctionArgumentException(
                _toolName, name, $"Argument '{name}' of tool '{_toolName}' is null, but it needs a value of type {JsonTypeName(typeInfo)}.");
    }

    /// <summary>An optional argument: missing or null gives <paramref name="fallback"/> (the parameter's default).</summary>
    public T? Optional<T>(string name, JsonTypeInfo<T> typeInfo, T? fallback)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return _arguments.TryGetValue(name, out object? value) && TryRead(name, value, typeInfo, out T read) ? read : fallback;
    }

    /// <summary>An optional argument of a <see cref="Nullable{T}"/> parameter, read with <typeparamref name="T"/>'s metadata.</summary>
    public T? OptionalValue<T>(string name, JsonTypeInfo<T> typeInfo, T? fallback)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return _arguments.TryGetValue(name, out object? value) && TryRead(name, value, typeInfo, out T read) ? read : fallback;
    }

    /// <summary>Reads a value; <see langword="false"/> for a JSON null (a default of <typeparamref name="T"/> is a value).</summary>
    private bool TryRead<T>(string name, object? value, JsonTypeInfo<T> typeInfo, out T read)
    {
        read = default!;
        if (value is T typed)
        {
            read = typed;
            return true;
        }

        if (ToElement(value) is not { } element)
        {
            return value is null
                ? false
                : throw new McpAIFunctionArgumentException(
                    _toolName, name, $"Argument '{name}' of tool '{_toolName}' is a {value.GetType().Name}, which is not JSON; send {JsonTypeName(typeInfo)}.");
        }

        if (element.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        try
        {
            T? deserialised = element.Deserialize(typeInfo);
            if (deserialised is null)
            {
                return false;
            }

            read = deserialised;
            return true;
        }
        catch (JsonException exception)
        {
            string path = exception.Path is { Length: > 1 } at ? $" at {at}" : string.Empty;
            throw new McpAIFunctionArgumentException(
                _toolName,
                name,
                $"Argument '{name}' of tool '{_toolName}' cannot be read as {JsonTypeName(typeInfo)}{path}: {exception.Message} Send it as the function's JSON schema describes.",
                exception);
        }
    }

    /// <summary>
    /// A model's argument as JSON: <c>FunctionInvokingChatClient</c> passes <see cref="JsonElement"/>s; code that calls a
    /// function directly may pass nodes, strings, booleans or numbers.
    /// </summary>
    internal static JsonElement? ToElement(object? value) => value switch
    {
        null => null,
        JsonElement element => element,
        JsonNode node => JsonElement.Parse(node.ToJsonString()),
        string text => JsonSerializer.SerializeToElement(text, McpSdkJsonContext.Default.String),
        bool flag => JsonSerializer.SerializeToElement(flag, McpSdkJsonContext.Default.Boolean),
        int number => JsonSerializer.SerializeToElement(number, McpSdkJsonContext.Default.Int32),
        long number => JsonSerializer.SerializeToElement(number, McpSdkJsonContext.Default.Int64),
        double number => JsonSerializer.SerializeToElement(number, McpSdkJsonContext.Default.Double),
        float number => JsonSerializer.SerializeToElement(number, McpSdkJsonContext.Default.Single),
        decimal number => JsonSerializer.SerializeToElement(number, McpSdkJsonContext.Default.Decimal),
        _ => null,
    };

    private static string JsonTypeName(JsonTypeInfo typeInfo) => typeInfo.Type.Name;
}
