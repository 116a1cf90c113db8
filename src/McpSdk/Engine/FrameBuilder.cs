using System;
using System.Buffers;
using System.Text.Json;

namespace McpSdk.Engine;

/// <summary>
/// Writes one outgoing JSON-RPC message with a <see cref="Utf8JsonWriter"/> reused per thread: the message is built
/// synchronously and copied out by <see cref="LineWriter.Send"/> before the thread does anything else.
/// </summary>
internal sealed class FrameBuilder
{
    [ThreadStatic]
    private static FrameBuilder? t_current;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private bool _busy;

    private FrameBuilder() =>
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>Starts a message on this thread's builder; <see cref="Finish"/> ends it.</summary>
    public static FrameBuilder Start()
    {
        FrameBuilder builder = t_current ??= new FrameBuilder();
        if (builder._busy)
        {
            // A message built inside another's (serialising a value ran code that sends): use a builder of its own.
            builder = new FrameBuilder();
        }

        builder._busy = true;
        builder._buffer.ResetWrittenCount();
        builder._writer.Reset();
        return builder;
    }

    public Utf8JsonWriter Writer => _writer;

    /// <summary>The whole message; valid until this thread starts the next one.</summary>
    public ReadOnlySpan<byte> Finish()
    {
        _writer.Flush();
        _busy = false;
        return _buffer.WrittenSpan;
    }

    /// <summary>Abandons the message (serialising it failed).</summary>
    public void Abandon()
    {
        _writer.Reset();
        _busy = false;
    }

    /// <summary>
    /// Writes a request's <c>_meta</c> member: its progress token, if any, then the session's own members (the stateless
    /// form's protocol version, client info and capabilities, serialised once when the session opened; empty on an
    /// <c>initialize</c> session). Writes nothing when both are absent.
    /// </summary>
    public void WriteMeta(ReadOnlySpan<byte> sessionMembers, long? progressToken)
    {
        if (sessionMembers.IsEmpty && progressToken is null)
        {
            return;
        }

        _writer.WritePropertyName("_meta"u8);
        _writer.WriteStartObject();
        if (progressToken is long token)
        {
            _writer.WriteNumber("progressToken"u8, token);
        }

        WriteMembers(sessionMembers);
        _writer.WriteEndObject();
    }

    /// <summary>
    /// Copies <paramref name="members"/> (<c>"a":1,"b":{…}</c>, an object's members without its braces) into the object
    /// being written. The writer skips validation, so a raw value in member position is written as is, preceded by a
    /// comma when a member came before: members serialised once are copied per request instead of re-serialised.
    /// </summary>
    public void WriteMembers(ReadOnlySpan<byte> members)
    {
        if (!members.IsEmpty)
        {
            _writer.WriteRawValue(members, skipInputValidation: true);
        }
    }

    /// <summary>Writes <c>"jsonrpc":"2.0"</c> after the opening brace every message starts with.</summary>
    public void StartMessage()
    {
        _writer.WriteStartObject();
        _writer.WriteString("jsonrpc"u8, "2.0"u8);
    }
}
