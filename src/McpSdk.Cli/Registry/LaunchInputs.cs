using System.Collections.Generic;

namespace McpSdk.Cli.Registry;

/// <summary>What the command line gives for starting a registry entry: <c>--env</c>, <c>--header</c>, <c>--working-directory</c>.</summary>
/// <param name="Environment">Values for the entry's environment variables; others are passed to the server as well.</param>
/// <param name="Headers">Values for the entry's remote headers; others are sent as well.</param>
/// <param name="WorkingDirectory">Where a package starts (npx finds packages installed there without downloading them).</param>
internal sealed record LaunchInputs(
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyDictionary<string, string> Headers,
    string? WorkingDirectory);
