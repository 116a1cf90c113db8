using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace McpSdk.Serialization;

/// <summary>
/// Builds the JSON settings a proxy reads and writes with, and finds the metadata for each declared type.
/// </summary>
/// <remarks>
/// A source generator cannot feed System.Text.Json's generator (generators do not see each other's output),
/// so a proxy resolves metadata at creation, once per type, from this chain: the interface's own
/// <see cref="McpClientAttribute.JsonContext"/>, McpSdk's built-in context for primitives, then reflection where
/// the application allows it. Names are camelCase, reading is case-insensitive (MCP's conventions), and a
/// missing required constructor parameter or a null for a non-nullable member is a mismatch, not a silent default.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpJson
{
    /// <summary>Creates the settings for one proxy type.</summary>
    /// <param name="context">The interface's own JSON context, or <see langword="null"/>.</param>
    /// <param name="converters">
    /// Converters the generator chose for the interface's types: a <see cref="System.Text.Json.Serialization.JsonStringEnumConverter{TEnum}"/>
    /// per enum it found in a parameter or result (enums travel as their camelCase names, as most MCP servers spell
    /// them; reading accepts any case).
    /// </param>
    public static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver? context, params System.Text.Json.Serialization.JsonConverter[] converters)
    {
        ArgumentNullException.ThrowIfNull(converters);
        IJsonTypeInfoResolver builtIns = McpSdkJsonContext.Default;
        IJsonTypeInfoResolver fallback = ReflectionFallback() ?? JsonTypeInfoResolver.Combine();
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = context is null
                ? JsonTypeInfoResolver.Combine(builtIns, fallback)
                : JsonTypeInfoResolver.Combine(context, builtIns, fallback),
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        foreach (System.Text.Json.Serialization.JsonConverter converter in converters)
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }

    // IsReflectionEnabledByDefault is a feature switch: trimmed and Native AOT applications set it to false,
    // and the linker then removes this branch with the reflection resolver in it.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Guarded by the JsonSerializer.IsReflectionEnabledByDefault feature switch.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by the JsonSerializer.IsReflectionEnabledByDefault feature switch.")]
    private static IJsonTypeInfoResolver? ReflectionFallback() =>
        JsonSerializer.IsReflectionEnabledByDefault ? new DefaultJsonTypeInfoResolver() : null;

    /// <summary>The metadata of <typeparamref name="T"/>, or an exception that says how to provide it.</summary>
    /// <param name="options">Settings made by <see cref="CreateOptions"/>.</param>
    /// <param name="clientName">The interface that needs the type, for the message.</param>
    public static JsonTypeInfo<T> GetTypeInfo<T>(JsonSerializerOptions options, string clientName)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TryGetTypeInfo(typeof(T), out JsonTypeInfo? info) && info is JsonTypeInfo<T> typed)
        {
            return typed;
        }

        throw new InvalidOperationException(
            $"{clientName} needs JSON metadata for type '{typeof(T).FullName}', and reflection-based serialisation is disabled " +
            $"(trimmed or Native AOT application). Add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext " +
            $"and name that context in [McpClient(JsonContext = typeof(YourContext))] on {clientName}.");
    }
}
