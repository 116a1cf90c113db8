using System;
using System.Text.Json;

namespace McpSdk.Engine;

/// <summary>
/// One JSON-RPC message as the lean engine reads it: the members that route it (<c>id</c>, <c>method</c>) and the raw
/// spans of the ones it hands on (<c>result</c>, <c>error</c>, <c>params</c>), found in one forward pass of a
/// <see cref="Utf8JsonReader"/>; nothing is materialised until its reader needs it.
/// </summary>
internal readonly ref struct IncomingMessage
{
    private IncomingMessage(
        long id, bool hasNumericId, ReadOnlySpan<byte> rawId, ReadOnlySpan<byte> method, bool methodEscaped,
        ReadOnlySpan<byte> result, ReadOnlySpan<byte> error, ReadOnlySpan<byte> parameters)
    {
        Id = id;
        HasNumericId = hasNumericId;
        RawId = rawId;
        RawMethod = method;
        MethodEscaped = methodEscaped;
        Result = result;
        Error = error;
        Params = parameters;
    }

    /// <summary>The numeric id, when <see cref="HasNumericId"/>.</summary>
    public long Id { get; }

    public bool HasNumericId { get; }

    /// <summary>The id as it was written (a number or a quoted string), empty when the message has none.</summary>
    public ReadOnlySpan<byte> RawId { get; }

    /// <summary>The method's UTF-8 text (without quotes), empty when the message has none.</summary>
    public ReadOnlySpan<byte> RawMethod { get; }

    /// <summary>Whether <see cref="RawMethod"/> holds JSON escapes (then compare <see cref="Method"/>).</summary>
    public bool MethodEscaped { get; }

    public ReadOnlySpan<byte> Result { get; }

    public ReadOnlySpan<byte> Error { get; }

    public ReadOnlySpan<byte> Params { get; }

    public bool HasId => !RawId.IsEmpty;

    public bool HasMethod => !RawMethod.IsEmpty || MethodEscaped;

    /// <summary>A reply to one of ours: an id and no method.</summary>
    public bool IsResponse => HasId && !HasMethod;

    /// <summary>The method as a string (allocates; for requests and notifications, not replies).</summary>
    public string Method => MethodEscaped ? JsonUnescape(RawMethod) : System.Text.Encoding.UTF8.GetString(RawMethod);

    public bool MethodIs(ReadOnlySpan<byte> method) => MethodEscaped ? Method == System.Text.Encoding.UTF8.GetString(method) : RawMethod.SequenceEqual(method);

    /// <summary>
    /// Reads the routing members of <paramref name="json"/>; false when it is not a JSON object (malformed input is the
    /// caller's to log and skip). Members of a message that are not JSON-RPC's are skipped.
    /// </summary>
    /// <exception cref="JsonException">The text is not well-formed JSON.</exception>
    public static bool TryRead(ReadOnlySpan<byte> json, out IncomingMessage message)
    {
        message = default;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        long id = 0;
        bool numeric = false, escaped = false;
        ReadOnlySpan<byte> rawId = default, method = default, result = default, error = default, parameters = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number)
                {
                    numeric = reader.TryGetInt64(out id);
                    rawId = json[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    rawId = json[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
                }
            }
            else if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    method = reader.ValueSpan;
                    escaped = reader.ValueIsEscaped;
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                result = Value(ref reader, json);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                error = Value(ref reader, json);
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                parameters = Value(ref reader, json);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        message = new IncomingMessage(id, numeric, rawId, method, escaped, result, error, parameters);
        return true;
    }

    private static ReadOnlySpan<byte> Value(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        reader.Read();
        int start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }

    private static string JsonUnescape(ReadOnlySpan<byte> escaped)
    {
        // Rare: a method name with escapes. Let the reader unescape it from a one-string document.
        byte[] quoted = new byte[escaped.Length + 2];
        quoted[0] = (byte)'"';
        escaped.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString() ?? string.Empty;
    }
}
