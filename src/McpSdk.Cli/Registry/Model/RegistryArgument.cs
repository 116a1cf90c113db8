namespace McpSdk.Cli.Registry.Model;

/// <summary>
/// A command-line argument: <c>positional</c> (the value itself; <see cref="ValueHint"/> labels it) or <c>named</c>
/// (<see cref="RegistryInput.Name"/>, the flag with its dashes, then the value when there is one).
/// </summary>
internal sealed record RegistryArgument : RegistryInput
{
    /// <summary><c>positional</c> or <c>named</c>.</summary>
    public required string Type { get; init; }

    public string? ValueHint { get; init; }

    public bool IsRepeated { get; init; }
}
