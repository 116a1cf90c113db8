using System;
using System.Buffers;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace McpSdk.Invocation;

/// <summary>
/// The arguments of one tool call, written straight to UTF-8 JSON with each parameter's
/// <see cref="JsonTypeInfo{T}"/>: no boxing, no intermediate dictionary of objects. Generated proxies fill it;
/// <see cref="ToolInvoker"/> owns and disposes it.
/// </summary>
/// <remarks>
/// The writer and its buffer are reused per thread: a proxy fills the arguments synchronously, and the invoker seals
/// them (copies the JSON out, exactly sized) before it first awaits. What a call keeps is that copy and the one
/// parsed document its <c>tools/call</c> params wrap (<see cref="ToCallParams"/>).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolArguments : IDisposable
{
    /// <summary>
    /// How deep the arguments object may nest (itself included). The official SDK writes it three levels down in the
    /// request, under System.Text.Json's default limit of 64, so this is the most a request can carry.
    /// </summary>
    internal const int MaxDepth = 62;

    [ThreadStatic]
    private static WriterState? t_writer;

    private WriterState? _writer;
    private byte[]? _json;
    private JsonDocument? _document;
    private (string Name, Exception Error)? _unwritable;

    /// <summary>Starts an empty argument object.</summary>
    public ToolArguments()
    {
        // A writer still owned by another instance on this thread was abandoned (its proxy threw while writing);
        // take it over. Adds on the abandoned instance then fail instead of writing into ours.
        WriterState writer = t_writer ??= new WriterState();
        writer.Start(this);
        _writer = writer;
    }

    /// <summary>Writes one argument.</summary>
    public void Add<T>(string name, T value, JsonTypeInfo<T> typeInfo)
    {
        Utf8JsonWriter writer = Writer();
        writer.WritePropertyName(name);
        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException)
        {
            // Too deep, a cycle, an unsupported type: the call fails, with its tool's name, when the invoker takes it
            // (ThrowIfUnwritable), rather than here in the proxy, before the call exists.
            _unwritable ??= (name, error);
        }
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

    /// <summary>Throws if an argument could not be written: nothing of this call may be sent.</summary>
    internal void ThrowIfUnwritable(string toolName)
    {
        if (_unwritable is var (name, error))
        {
            throw new McpSdkException(
                toolName,
                $"Argument '{name}' of tool '{toolName}' cannot be sent as JSON ({error.GetBaseException().Message}). Nothing was sent. Arguments nest at most " +
                $"{MaxDepth - 1} levels deep, without cycles, and use JSON-serialisable types.",
                error);
        }
    }

    /// <summary>Ends writing: copies the JSON out of the thread's writer. Called before the call first awaits.</summary>
    internal void Seal()
    {
        if (_json is not null)
        {
            return;
        }

        WriterState writer = _writer ?? throw Abandoned();
        _json = writer.Finish(this);
        _writer = null;
    }

    /// <summary>The arguments object as UTF-8 JSON, sealed; what the lean engine writes into the request as is.</summary>
    internal ReadOnlySpan<byte> Json
    {
        get
        {
            Seal();
            return _json;
        }
    }

    /// <summary>
    /// The whole <c>tools/call</c> params object, <c>{"name":…,"arguments":…}</c> (with <c>_meta.progressToken</c> when
    /// given), as the node the official SDK's request carries. The arguments node wraps the sealed JSON, parsed once
    /// (no copy; the document lives as long as this object), and is written out from it as is: the SDK's typed path
    /// would serialise the arguments and parse them again.
    /// </summary>
    internal JsonNode ToCallParams(string toolName, long? progressToken)
    {
        if (_document is null)
        {
            Seal();
            _document = JsonDocument.Parse(_json);
        }

        var parameters = new JsonObject
        {
            ["name"] = toolName,
            ["arguments"] = JsonObject.Create(_document.RootElement),
        };
        if (progressToken is { } token)
        {
            parameters["_meta"] = new JsonObject { ["progressToken"] = token };
        }

        return parameters;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer?.Release(this);
        _writer = null;
        _document?.Dispose();
    }

    private Utf8JsonWriter Writer()
    {
        if (_json is not null)
        {
            throw new InvalidOperationException("The arguments were already sent; create a new ToolArguments for another call.");
        }

        return _writer?.WriterFor(this) ?? throw Abandoned();
    }

    private static InvalidOperationException Abandoned() =>
        new("These tool arguments lost their writer: another call's arguments were started on this thread before they were sent.");

    /// <summary>A thread's reusable writer and buffer, lent to one <see cref="ToolArguments"/> at a time.</summary>
    private sealed class WriterState
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);
        private readonly Utf8JsonWriter _writer;
        private ToolArguments? _owner;

        public WriterState() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = MaxDepth });

        public void Start(ToolArguments owner)
        {
            _owner = owner;
            _buffer.ResetWrittenCount();
            _writer.Reset();
            _writer.WriteStartObject();
        }

        public Utf8JsonWriter? WriterFor(ToolArguments owner) => ReferenceEquals(_owner, owner) ? _writer : null;

        public byte[] Finish(ToolArguments owner)
        {
            if (!ReferenceEquals(_owner, owner))
            {
                throw Abandoned();
            }

            _writer.WriteEndObject();
            _writer.Flush();
            byte[] json = _buffer.WrittenSpan.ToArray();
            Release(owner);
            return json;
        }

        public void Release(ToolArguments owner)
        {
            if (ReferenceEquals(_owner, owner))
            {
                _owner = null;
                if (_buffer.Capacity > 64 * 1024)
                {
                    // One huge call must not pin a huge buffer to the thread forever.
                    t_writer = null;
                }
            }
        }
    }
}
