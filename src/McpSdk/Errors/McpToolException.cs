using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>
/// The tool answered with <c>isError: true</c>. The server's own words are in <see cref="ErrorText"/> and the
/// whole answer in <see cref="Result"/>. Declare the method as returning <see cref="CallToolResult"/> to receive
/// such answers as values instead.
/// </summary>
public sealed class McpToolException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    public McpToolException(string toolName, string errorText, CallToolResult result)
        : base(toolName, $"Tool '{toolName}' reported an error: {errorText}")
    {
        ErrorText = errorText;
        Result = result;
    }

    /// <summary>The text content of the error result, joined by new lines.</summary>
    public string ErrorText { get; }

    /// <summary>The raw result the server sent.</summary>
    public CallToolResult Result { get; }
}
