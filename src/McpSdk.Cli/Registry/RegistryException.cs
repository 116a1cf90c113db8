using System;

namespace McpSdk.Cli.Registry;

/// <summary>The registry could not be read, has no such entry, or the entry cannot be started here; the message says what to do.</summary>
internal sealed class RegistryException(string message, Exception? innerException = null) : Exception(message, innerException);
