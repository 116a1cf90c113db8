using System;

namespace McpSdk;

/// <summary>
/// The model called a tool function with an argument that is missing or cannot be read as the parameter's type.
/// Nothing was sent to the server. Unless <see cref="McpAIFunctionOptions.ThrowOnError"/> is set, the model gets the
/// message as the function's result and can call again with corrected arguments.
/// </summary>
public sealed class McpAIFunctionArgumentException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="toolName">The tool whose function was called.</param>
    /// <param name="argumentName">The argument at fault.</param>
    /// <param name="message">What is wrong with it and what to send instead.</param>
    /// <param name="innerException">The JSON error, if any.</param>
    public McpAIFunctionArgumentException(string toolName, string argumentName, string message, Exception? innerException = null)
        : base(toolName, message, innerException) => ArgumentName = argumentName;

    /// <summary>The argument at fault, by its name in the function's JSON schema.</summary>
    public string ArgumentName { get; }
}
