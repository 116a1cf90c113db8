using System.Collections.Generic;

namespace McpSdk.Cli.Registry.Model;

/// <summary>
/// A value the server needs: an environment variable or header (<see cref="Name"/>), a URL variable, or the common part
/// of an argument (the registry's <c>Input</c> / <c>KeyValueInput</c>). <see cref="Value"/> may hold <c>{placeholders}</c>
/// naming <see cref="Variables"/>.
/// </summary>
internal record RegistryInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool IsRequired { get; init; }

    public bool IsSecret { get; init; }

    public string? Value { get; init; }

    public string? Default { get; init; }

    public string? Placeholder { get; init; }

    public IReadOnlyDictionary<string, RegistryInput>? Variables { get; init; }
}
