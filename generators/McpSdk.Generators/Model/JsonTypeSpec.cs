namespace McpSdk.Generators.Model;

/// <summary>A type the proxy needs JSON metadata for, and the field that holds it.</summary>
/// <param name="Type">The type, fully qualified, without a nullable reference annotation.</param>
/// <param name="FieldName">The proxy field that holds its <c>JsonTypeInfo&lt;T&gt;</c>.</param>
internal sealed record JsonTypeSpec(string Type, string FieldName);

/// <summary>
/// A result reader the proxy creates once and every call of methods with that result type shares: a JSON reader,
/// or, for <c>McpToolResult&lt;T&gt;</c>, the reader of <c>T</c> wrapped with the raw result.
/// </summary>
/// <param name="ResultType">The declared result type, fully qualified, with its nullable annotation.</param>
/// <param name="ValueType">The type of the value read: <paramref name="ResultType"/>, or the <c>T</c> of <c>McpToolResult&lt;T&gt;</c>.</param>
/// <param name="JsonField">The field holding the value type's JSON metadata; <see langword="null"/> for a text value.</param>
/// <param name="Nullability">Whether and how the value type is nullable.</param>
/// <param name="WithResult">Whether the declared type is <c>McpToolResult&lt;T&gt;</c>.</param>
/// <param name="FieldName">The field holding the reader.</param>
internal sealed record ResultReaderSpec(
    string ResultType, string ValueType, string? JsonField, Nullability Nullability, bool WithResult, string FieldName);

/// <summary>How a declared type admits null.</summary>
internal enum Nullability
{
    /// <summary>It does not.</summary>
    None,

    /// <summary>A nullable reference type (<c>Weather?</c>): read with the plain type's metadata.</summary>
    Reference,

    /// <summary>A <c>Nullable&lt;T&gt;</c> (<c>int?</c>): its metadata is its own.</summary>
    Value,
}
