using System;
using System.Text.Json;

namespace McpSdk.Engine;

/// <summary>
/// Recognises the stateless form's <c>input_required</c> result (multi-round-trip requests): a reply whose top-level
/// <c>resultType</c> is <c>"input_required"</c> carries the server's requests (elicitation, sampling, roots) instead of the
/// result, and the client answers by sending the request again with the responses.
/// </summary>
internal static class InputRequired
{
    /// <summary>Whether <paramref name="result"/> is an <c>input_required</c> result.</summary>
    public static bool Is(ReadOnlySpan<byte> result)
    {
        // A vectorised search rejects every ordinary result; only a candidate is read member by member.
        if (result.IndexOf("\"input_required\""u8) < 0)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(result);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isType = reader.ValueTextEquals("resultType"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("input_required"u8);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Malformed: the ordinary path reports it.
        }

        return false;
    }
}
