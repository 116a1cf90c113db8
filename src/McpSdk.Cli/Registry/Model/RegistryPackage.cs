using System.Collections.Generic;

namespace McpSdk.Cli.Registry.Model;

/// <summary>A package that runs the server locally (the registry's <c>Package</c>).</summary>
internal sealed record RegistryPackage
{
    /// <summary>How to download it: <c>npm</c>, <c>pypi</c>, <c>oci</c>, <c>nuget</c>, <c>mcpb</c>, …</summary>
    public required string RegistryType { get; init; }

    /// <summary>The package name (or, for direct downloads, its URL).</summary>
    public required string Identifier { get; init; }

    /// <summary>An exact version; never a range.</summary>
    public string? Version { get; init; }

    /// <summary>The runtime the publisher expects (<c>npx</c>, <c>uvx</c>, <c>docker</c>, <c>dnx</c>).</summary>
    public string? RuntimeHint { get; init; }

    public RegistryTransport Transport { get; set; } = new() { Type = "stdio" };

    /// <summary>Arguments for the runtime (before the package).</summary>
    public IReadOnlyList<RegistryArgument> RuntimeArguments { get; set; } = [];

    /// <summary>Arguments for the package's program (after the package).</summary>
    public IReadOnlyList<RegistryArgument> PackageArguments { get; set; } = [];

    public IReadOnlyList<RegistryInput> EnvironmentVariables { get; set; } = [];
}
