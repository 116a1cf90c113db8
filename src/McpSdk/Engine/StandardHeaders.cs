using System;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// The standard request headers the stateless form requires on every Streamable HTTP POST, as the official SDK's client
/// sends them: <c>Mcp-Method</c> (the message's method) and <c>Mcp-Name</c> (the <c>name</c> of <c>tools/call</c> and
/// <c>prompts/get</c>, the <c>uri</c> of <c>resources/read</c>; Base64-wrapped by <see cref="McpHeaderEncoder"/> where it is
/// not plain ASCII). Read from the message as written, in one pass; a reply to the server has neither. A <c>tools/call</c> of
/// a tool in the table <see cref="ParamHeaderTable"/> also gets its <c>Mcp-Param-{Name}</c> headers (<see cref="ParamHeaders"/>).
/// </summary>
internal static class StandardHeaders
{
    /// <exception cref="ModelContextProtocol.McpProtocolException">A header-bound argument cannot go into its header.</exception>
    public static void Add(HttpRequestHeaders headers, ReadOnlySpan<byte> message, ParamHeaderTable? paramHeaders = null)
    {
        string? method = null, name = null, uri = null;
        bool findArguments = paramHeaders is { IsEmpty: false };
        int argumentsStart = 0, argumentsEnd = 0;
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("method"u8))
            {
                reader.Read();
                // tools/call is every call's method: its header value is the constant, not a new string per POST.
                method = reader.TokenType != JsonTokenType.String ? null
                    : reader.ValueTextEquals(RequestMethods.ToolsCall) ? RequestMethods.ToolsCall
                    : reader.GetString();
            }
            else if (reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    bool isName = reader.ValueTextEquals("name"u8), isUri = !isName && reader.ValueTextEquals("uri"u8);
                    bool isArguments = findArguments && !isName && !isUri && reader.ValueTextEquals("arguments"u8);
                    reader.Read();
                    if (isArguments && reader.TokenType == JsonTokenType.StartObject)
                    {
                        // Only where some tool binds headers: where the arguments are, to read them after the name is known.
                        argumentsStart = (int)reader.TokenStartIndex;
                        reader.Skip();
                        argumentsEnd = (int)reader.BytesConsumed;
                    }
                    else if (reader.TokenType == JsonTokenType.String && (isName || isUri))
                    {
                        if (isName)
                        {
                            name = reader.GetString();
                        }
                        else
                        {
                            uri = reader.GetString();
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (method is null)
        {
            return;
        }

        headers.TryAddWithoutValidation("Mcp-Method", method);
        string? routed = method switch
        {
            RequestMethods.ToolsCall or RequestMethods.PromptsGet => name,
            RequestMethods.ResourcesRead => uri,
            _ => null,
        };
        if (McpHeaderEncoder.EncodeValue(routed) is { } value)
        {
            headers.TryAddWithoutValidation("Mcp-Name", value);
        }

        if (argumentsEnd != 0 && method == RequestMethods.ToolsCall && name is not null && paramHeaders!.TryGet(name, out ParamBinding[] bindings))
        {
            ParamHeaders.Add(headers, name, bindings, message[argumentsStart..argumentsEnd]);
        }
    }
}
