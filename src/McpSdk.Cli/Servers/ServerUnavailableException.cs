using System;

namespace McpSdk.Cli.Servers;

/// <summary>The server could not be started, reached or spoken to.</summary>
internal sealed class ServerUnavailableException(string message) : Exception(message);
