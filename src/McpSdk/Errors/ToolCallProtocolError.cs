using System;
using System.Collections;
using ModelContextProtocol;

namespace McpSdk;

/// <summary>
/// A JSON-RPC error that ended one tool call, as the caller sees it: still the official SDK's
/// <see cref="McpProtocolException"/> with the server's <see cref="McpProtocolException.ErrorCode"/> and
/// <see cref="System.Exception.Data"/>, but its message names the tool and, where the error says the server does not
/// know the tool or its arguments, what to check. The engine's own exception is the inner one.
/// </summary>
internal static class ToolCallProtocolError
{
    // Both engines word a remote error this way (the official SDK's client, and the lean engine after it).
    private const string RemotePrefix = "Request failed (remote): ";

    public static McpProtocolException Describe(string toolName, McpProtocolException error)
    {
        McpErrorCode code = error.ErrorCode;
        string message = error.Message.StartsWith(RemotePrefix, StringComparison.Ordinal)
            ? $"The server answered the call of tool '{toolName}' with JSON-RPC error {(int)code} ({code}): {error.Message[RemotePrefix.Length..]}"
            : $"The call of tool '{toolName}' failed with JSON-RPC error {(int)code} ({code}): {error.Message}";
        if (code is McpErrorCode.MethodNotFound or McpErrorCode.InvalidParams)
        {
            message += (message.EndsWith('.') ? " " : ". ") + "If the server's tool has changed, `mcpsdk check` lists where it and the interface differ.";
        }

        var described = new McpProtocolException(message, error, code);
        foreach (DictionaryEntry entry in error.Data)
        {
            described.Data[entry.Key] = entry.Value;
        }

        return described;
    }
}
