using System;

namespace McpSdk.Sessions;

/// <summary>
/// The session answered a request with a protocol error and then failed a ping too: the server no longer knows it
/// (an expired HTTP session answered with 400 instead of 404, for instance). The session has closed itself; the
/// invoker reports the call as a lost session, which <c>[Retry]</c> retries on a fresh one.
/// </summary>
internal sealed class SessionUnusableException(string message, Exception innerException) : Exception(message, innerException);
