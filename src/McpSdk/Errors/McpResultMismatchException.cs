using System;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>
/// The tool's result cannot be read as the type the interface method declares: the content is missing, or the
/// JSON does not fit. The message names the tool, the JSON path where reading stopped and the expected type.
/// </summary>
public sealed class McpResultMismatchException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpResultMismatchException(
        string toolName, string jsonPath, Type expectedType, string reason, CallToolResult result, Exception? innerException = null)
        : base(toolName, $"Tool '{toolName}' returned a result that cannot be read as {expectedType.FullName} at JSON path '{jsonPath}': {EndSentence(reason)} " +
                         "Declare the method to return CallToolResult to inspect the raw answer, or fix the declared type.", innerException)
    {
        JsonPath = jsonPath;
        ExpectedType = expectedType;
        Result = result;
    }

    // A reason is often a JsonException message, which ends with its own full stop.
    private static string EndSentence(string reason) => reason.EndsWith('.') ? reason : reason + ".";

    /// <summary>Where in the result reading stopped, e.g. <c>$.structuredContent.temperature</c>.</summary>
    public string JsonPath { get; }

    /// <summary>The type the interface method declares.</summary>
    public Type ExpectedType { get; }

    /// <summary>The raw result the server sent.</summary>
    public CallToolResult Result { get; }
}
