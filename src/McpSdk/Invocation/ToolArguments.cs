using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace McpSdk.Invocation;

/// <summary>
/// The arguments of one tool call, written straight to UTF-8 JSON with each parameter's
/// <see cref="JsonTypeInfo{T}"/>: no boxing, no intermediate dictionary of objects. Generated proxies fill it;
/// <see cref="ToolInvoker"/> owns and disposes it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolArguments : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _writer;
    private JsonDocument? _document;
    private Dictionary<string, JsonElement>? _elements;

    /// <summary>Starts an empty argument object.</summary>
    public ToolArguments()
    {
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        _writer.WriteStartObject();
    }

    /// <summary>Writes one argument.</summary>
    public void Add<T>(string name, T value, JsonTypeInfo<T> typeInfo)
    {
        ThrowIfSealed();
        _writer.WritePropertyName(name);
        JsonSerializer.Serialize(_writer, value, typeInfo);
    }

    /// <summary>Writes an argument of a nullable reference type, leaving it out of the request when it is <see langword="null"/>.</summary>
    public void AddIfNotNull<T>(string name, T? value, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (value is not null)
        {
            Add(name, value, typeInfo);
        }
    }

    /// <summary>Writes an argument of a nullable value type, leaving it out of the request when it has no value.</summary>
    public void AddIfHasValue<T>(string name, T? value, JsonTypeInfo<T> typeInfo)
        where T : struct
    {
        if (value.HasValue)
        {
            Add(name, value.GetValueOrDefault(), typeInfo);
        }
    }

    /// <summary>The arguments as the official SDK's request expects them; the elements live as long as this object.</summary>
    internal IDictionary<string, JsonElement> ToElements()
    {
        if (_elements is null)
        {
            _writer.WriteEndObject();
            _writer.Flush();
            _document = JsonDocument.Parse(_buffer.WrittenMemory);
            var elements = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (JsonProperty property in _document.RootElement.EnumerateObject())
            {
                elements[property.Name] = property.Value;
            }

            _elements = elements;
        }

        return _elements;
    }

    /// <summary>The arguments as JSON text, for logs and tests.</summary>
    public override string ToString()
    {
        ToElements();
        return _document!.RootElement.GetRawText();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer.Dispose();
        _document?.Dispose();
    }

    private void ThrowIfSealed()
    {
        if (_elements is not null)
        {
            throw new InvalidOperationException("The arguments were already sent; create a new ToolArguments for another call.");
        }
    }
}
