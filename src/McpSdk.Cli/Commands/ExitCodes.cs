namespace McpSdk.Cli.Commands;

/// <summary>The process exit codes of <c>mcpsdk</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary><c>check</c> found drift between the interface and the server.</summary>
    public const int Drift = 1;

    /// <summary>The command line was wrong, or the server, assembly or output could not be used.</summary>
    public const int Error = 2;
}
