using System;
using System.Text.Json.Serialization;

namespace McpSdk.Cli.Registry.Model;

/// <summary>One server version as the registry answers it: the publisher's <c>server.json</c> and the registry's own metadata.</summary>
internal sealed record RegistryServerResponse
{
    public required ServerJson Server { get; init; }

    [JsonPropertyName("_meta")]
    public RegistryResponseMeta? Meta { get; init; }
}

/// <summary>The registry-managed part of <c>_meta</c>.</summary>
internal sealed record RegistryResponseMeta
{
    [JsonPropertyName("io.modelcontextprotocol.registry/official")]
    public RegistryOfficialMeta? Official { get; init; }
}

/// <summary>What the official registry says of a version: its status and whether it is the latest.</summary>
internal sealed record RegistryOfficialMeta
{
    /// <summary><c>active</c>, <c>deprecated</c> or <c>deleted</c>.</summary>
    public string? Status { get; init; }

    public string? StatusMessage { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public bool? IsLatest { get; init; }
}
