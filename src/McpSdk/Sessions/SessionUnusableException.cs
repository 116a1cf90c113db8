using System;

namespace McpSdk.Sessions;

/// <summary>
/// The server turned a request away without handling it (a JSON-RPC error on an HTTP error status, as servers answer
/// a session id they no longer know with 400 instead of 404). The invoker reports the call as a lost session, which
/// <c>[Retry]</c> retries on a fresh one, and makes the session a suspect: the pool pings it and retires it if the
/// server no longer knows it.
/// </summary>
internal sealed class SessionUnusableException(string message, Exception innerException) : Exception(message, innerException);
