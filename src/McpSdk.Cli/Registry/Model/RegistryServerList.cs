using System.Collections.Generic;

namespace McpSdk.Cli.Registry.Model;

/// <summary>One page of <c>GET /v0/servers</c> (the registry's <c>ServerList</c>).</summary>
internal sealed record RegistryServerList
{
    public IReadOnlyList<RegistryServerResponse> Servers { get; set; } = [];

    public RegistryListMetadata? Metadata { get; init; }
}

/// <summary>The list's paging: <see cref="NextCursor"/> is empty on the last page.</summary>
internal sealed record RegistryListMetadata
{
    public string? NextCursor { get; init; }

    public int? Count { get; init; }
}
