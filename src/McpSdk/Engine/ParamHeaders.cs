using System;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// Adds a <c>tools/call</c>'s <c>Mcp-Param-{Name}</c> headers (SEP-2243) from its arguments as written: one forward read
/// of the argument JSON, no parse into a document and no re-serialisation. A string goes through
/// <see cref="McpHeaderEncoder"/> (Base64-wrapped where it is not plain ASCII), a boolean as <c>true</c>/<c>false</c>, an
/// integer-typed number as its canonical decimal (<c>42.0</c> is <c>42</c>), any other number as written; a missing or
/// null argument gets no header, as the SEP requires.
/// </summary>
internal static class ParamHeaders
{
    // SEP-2243: an integer in a header stays within what every peer reads exactly (a double's 2^53 - 1).
    private const long MaxSafeInteger = 9007199254740991L;

    /// <exception cref="McpProtocolException">An integer-typed argument is not a whole number within ±(2^53 - 1).</exception>
    public static void Add(HttpRequestHeaders headers, string toolName, ParamBinding[] bindings, ReadOnlySpan<byte> arguments)
    {
        var reader = new Utf8JsonReader(arguments);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            AddObject(headers, toolName, bindings, ref reader);
        }
    }

    /// <summary>The members of the object the reader is at (its start), up to and including its end.</summary>
    private static void AddObject(HttpRequestHeaders headers, string toolName, ParamBinding[] bindings, ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ParamBinding? binding = null;
            foreach (ParamBinding candidate in bindings)
            {
                if (reader.ValueTextEquals(candidate.Property))
                {
                    binding = candidate;
                    break;
                }
            }

            reader.Read();
            if (binding is null)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.StartObject && binding.Nested.Length != 0)
            {
                AddObject(headers, toolName, binding.Nested, ref reader);
            }
            else if (binding.HeaderName is { } name && Value(toolName, binding, ref reader) is { } value)
            {
                headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static string? Value(string toolName, ParamBinding binding, ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => McpHeaderEncoder.EncodeValue(reader.GetString()),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Number when binding.Integer => McpHeaderEncoder.EncodeValue(SafeInteger(toolName, binding, ref reader)),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => null, // null, or an object or array the schema did not promise: no header
    };

    private static long SafeInteger(string toolName, ParamBinding binding, ref Utf8JsonReader reader)
    {
        const NumberStyles WholeForms = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        if ((reader.TryGetInt64(out long value) || long.TryParse(reader.ValueSpan, WholeForms, CultureInfo.InvariantCulture, out value))
            && value is >= -MaxSafeInteger and <= MaxSafeInteger)
        {
            return value;
        }

        throw new McpProtocolException(
            $"Tool '{toolName}' binds argument '{binding.Property}' to the {binding.HeaderName} header (x-mcp-header, an integer), but its value {Encoding.UTF8.GetString(reader.ValueSpan)} is not a whole number within ±{MaxSafeInteger}: pass a smaller whole number.",
            McpErrorCode.InvalidParams);
    }
}
