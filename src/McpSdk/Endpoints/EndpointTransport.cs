using System;
using ModelContextProtocol.Client;

namespace McpSdk.Endpoints;

/// <summary>
/// A transport for one new session, plus whatever must live and die with it (an in-process server) and, for a child
/// process, the tail of its standard error.
/// </summary>
internal readonly record struct EndpointTransport(IClientTransport Transport, IAsyncDisposable? Companion, StandardErrorTail? StandardError = null);
