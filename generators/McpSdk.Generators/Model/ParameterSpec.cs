namespace McpSdk.Generators.Model;

/// <summary>One parameter of a tool method.</summary>
/// <param name="Name">The C# name as written in code (with <c>@</c> for keywords).</param>
/// <param name="WireName">The argument's name in the request.</param>
/// <param name="Type">The declared type, fully qualified, with its nullable annotation.</param>
/// <param name="Kind">An argument, the cancellation token or the progress sink.</param>
/// <param name="JsonField">For arguments: the proxy field holding the type's JSON metadata.</param>
/// <param name="Omission">When an argument is left out of the request.</param>
/// <param name="DefaultValue">The parameter's default as a C# expression, or <see langword="null"/> when it has none.</param>
/// <param name="IsValueType">Whether the declared type is a value type (an AI function reads it without a null check).</param>
internal sealed record ParameterSpec(
    string Name,
    string WireName,
    string Type,
    ParameterKind Kind,
    string? JsonField,
    ArgumentOmission Omission,
    string? DefaultValue,
    bool IsValueType);

/// <summary>What a parameter is for.</summary>
internal enum ParameterKind
{
    Argument,
    CancellationToken,
    Progress,
}

/// <summary>When a null argument is left out of the request instead of sent as JSON null.</summary>
internal enum ArgumentOmission
{
    /// <summary>Always sent.</summary>
    Never,

    /// <summary>A nullable reference type: left out when null.</summary>
    WhenNullReference,

    /// <summary>A <c>Nullable&lt;T&gt;</c>: left out when it has no value.</summary>
    WhenNullValue,
}
