using System.Collections.Generic;

namespace McpSdk.Cli.Registry.Model;

/// <summary>
/// A transport: a package's (<c>stdio</c>, or a local <c>streamable-http</c>/<c>sse</c> server) or a remote's
/// (<c>streamable-http</c> or <c>sse</c> at <see cref="Url"/>, whose <c>{placeholders}</c> name <see cref="Variables"/>).
/// </summary>
internal sealed record RegistryTransport
{
    /// <summary><c>stdio</c>, <c>streamable-http</c> or <c>sse</c>.</summary>
    public required string Type { get; init; }

    public string? Url { get; init; }

    public IReadOnlyList<RegistryInput> Headers { get; set; } = [];

    public IReadOnlyDictionary<string, RegistryInput>? Variables { get; init; }
}
