using System;

namespace McpSdk.Engine;

/// <summary>What a link delivers its incoming messages to: the session, on the link's reader thread.</summary>
internal interface ILinkReader
{
    /// <summary>One whole message (one JSON text, framing removed). The span is valid only during the call.</summary>
    void OnMessage(ReadOnlySpan<byte> message);

    /// <summary>
    /// Request <paramref name="requestId"/> could not be delivered or was refused before the server handled it (an HTTP
    /// error status, a failed connection); the session fails that request alone with <paramref name="error"/>.
    /// </summary>
    void OnRequestFailed(long requestId, Exception error);

    /// <summary>
    /// Whether request <paramref name="requestId"/> still waits for its reply: an HTTP link asks when a response stream
    /// ended, to resume it or fail the request.
    /// </summary>
    bool IsPending(long requestId);

    /// <summary>
    /// The link ended: the server closed its side, the process exited, a read failed, or it sent more than the size
    /// limit. <paramref name="reason"/> says which, for messages ("the server process exited with code 1").
    /// Called once.
    /// </summary>
    void OnEnded(string reason, Exception? error);
}
