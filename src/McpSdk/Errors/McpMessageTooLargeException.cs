using System;

namespace McpSdk;

/// <summary>
/// A server sent a message larger than <see cref="McpConnectionOptions.MaxMessageSize"/>: its session was closed before
/// reading more. Calls on that session fail with <see cref="McpSessionLostException"/> whose inner exception is this one.
/// </summary>
public sealed class McpMessageTooLargeException : McpSdkException
{
    /// <summary>Creates the exception for a limit of <paramref name="limit"/> bytes.</summary>
    public McpMessageTooLargeException(int limit)
        : base($"The server sent a message larger than MaxMessageSize ({limit:N0} bytes); the session was closed. " +
            "Raise McpConnectionOptions.MaxMessageSize if such results are expected.", innerException: null)
    {
        Limit = limit;
    }

    /// <summary>The limit the message exceeded, in bytes.</summary>
    public int Limit { get; }
}
