using System.Collections.Generic;

namespace McpSdk.Cli.Registry.Model;

/// <summary>
/// A server's <c>server.json</c> (the registry's <c>ServerDetail</c>): its reverse-DNS name, version, and how to run it
/// (<see cref="Packages"/> to start locally, <see cref="Remotes"/> to connect to). Fields mcpsdk does not use are not read.
/// Lists and defaults have setters: the source-generated reader assigns every init-only property, absent ones as null.
/// </summary>
internal sealed record ServerJson
{
    /// <summary>Reverse-DNS name with one slash, e.g. <c>io.github.user/weather</c>.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public string? Title { get; init; }

    public required string Version { get; init; }

    public string? WebsiteUrl { get; init; }

    public IReadOnlyList<RegistryPackage> Packages { get; set; } = [];

    public IReadOnlyList<RegistryTransport> Remotes { get; set; } = [];
}
