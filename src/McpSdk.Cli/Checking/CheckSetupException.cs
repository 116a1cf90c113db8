using System;

namespace McpSdk.Cli.Checking;

/// <summary>What 'mcpsdk check' was asked to compare cannot be read.</summary>
internal sealed class CheckSetupException(string message) : Exception(message);
