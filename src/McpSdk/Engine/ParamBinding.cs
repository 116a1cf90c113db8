using System;
using System.Linq;

namespace McpSdk.Engine;

/// <summary>
/// One property of a tool's <c>inputSchema</c> that puts an argument into a request header (SEP-2243's
/// <c>x-mcp-header</c>), or that holds such properties one level down: read from the schema once, then applied to every
/// call of the tool (<see cref="ParamHeaders"/>).
/// </summary>
/// <param name="Property">The argument's name in its object.</param>
/// <param name="HeaderName">The whole header name, <c>Mcp-Param-{x-mcp-header}</c>; <see langword="null"/> when only <paramref name="Nested"/> bind.</param>
/// <param name="Integer">The schema's <c>type</c> is (or includes) <c>integer</c>: the value goes out as a canonical decimal.</param>
/// <param name="Nested">The bound properties of the argument's own <c>properties</c>; empty for a plain value.</param>
internal sealed record ParamBinding(string Property, string? HeaderName, bool Integer, ParamBinding[] Nested)
{
    /// <summary>Compares <see cref="Nested"/> element by element, so a table learned twice from the same schema is equal.</summary>
    public bool Equals(ParamBinding? other) =>
        other is not null && Property == other.Property && HeaderName == other.HeaderName && Integer == other.Integer
        && Nested.AsSpan().SequenceEqual(other.Nested);

    public override int GetHashCode() => HashCode.Combine(Property, HeaderName, Integer, Nested.Length);

    public override string ToString() =>
        HeaderName is null ? $"{Property} {{ {string.Join(", ", Nested.Select(nested => nested.ToString()))} }}" : $"{Property} -> {HeaderName}";
}
