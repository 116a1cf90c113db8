using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// Reads the commonest <c>tools/call</c> result — text content blocks, <c>isError</c>, and the stateless form's
/// <c>"resultType":"complete"</c> and <c>_meta</c>, nothing else — straight into the SDK's <see cref="CallToolResult"/> with one
/// <see cref="Utf8JsonReader"/> pass. The serializer's polymorphic path allocates a read stack per call (~460 B) for the
/// same object; every other shape goes to it unchanged.
/// </summary>
internal static class CallToolResultReader
{
    /// <summary>The result, when <paramref name="json"/> has only text blocks, <c>isError</c>, <c>resultType</c> and <c>_meta</c>; null to use the serializer.</summary>
    public static CallToolResult? TryRead(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            List<ContentBlock>? content = null;
            bool? isError = null;
            bool complete = false;
            JsonObject? meta = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("content"u8))
                {
                    if (content is not null || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    content = new List<ContentBlock>(1);
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (ReadTextBlock(ref reader) is not { } block)
                        {
                            return null;
                        }

                        content.Add(block);
                    }
                }
                else if (reader.ValueTextEquals("isError"u8))
                {
                    if (isError is not null || !reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    {
                        return null;
                    }

                    isError = reader.GetBoolean();
                }
                else if (reader.ValueTextEquals("resultType"u8))
                {
                    // The stateless form marks every final result; input_required never reaches this reader.
                    if (complete || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("complete"u8))
                    {
                        return null;
                    }

                    complete = true;
                }
                else if (reader.ValueTextEquals("_meta"u8))
                {
                    // The stateless form's results carry the server's identity here, every one of them.
                    if (meta is not null || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        return null;
                    }

                    meta = JsonNode.Parse(ref reader) as JsonObject;
                }
                else
                {
                    return null;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || content is null || reader.Read())
            {
                return null;
            }

            return new CallToolResult { Content = content, IsError = isError, ResultType = complete ? "complete" : null, Meta = meta };
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // Malformed or not UTF-8: the serializer reports it in its own words.
            return null;
        }
    }

    /// <summary>One <c>{"type":"text","text":"…"}</c> object (either order), or null for any other block.</summary>
    private static TextContentBlock? ReadTextBlock(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        bool typed = false;
        string? text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (typed || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("text"u8))
                {
                    return null;
                }

                typed = true;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (text is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                text = reader.GetString();
            }
            else
            {
                return null;
            }
        }

        return typed && text is not null ? new TextContentBlock { Text = text } : null;
    }
}
