namespace McpSdk.Cli.Scaffolding.Model;

/// <summary>A C# type as written in the scaffolded file.</summary>
/// <param name="Name">The type as written, e.g. <c>double</c>, <c>IReadOnlyList&lt;Entity&gt;</c>.</param>
/// <param name="IsNullable">The schema allows <c>null</c> (e.g. <c>"type": ["string", "null"]</c>).</param>
/// <param name="Note">
/// Escaped doc text for what the type leaves out of the schema (a union narrowed to one of its types), appended to the
/// member's description; <see langword="null"/> when the type says it all.
/// </param>
internal sealed record TypeRef(string Name, bool IsNullable = false, string? Note = null)
{
    public static TypeRef String { get; } = new("string");

    public static TypeRef Double { get; } = new("double");

    public static TypeRef Long { get; } = new("long");

    public static TypeRef Bool { get; } = new("bool");

    /// <summary>Any JSON: what a schema maps to when it has no single C# shape (<c>anyOf</c>, untyped, open objects).</summary>
    public static TypeRef Json { get; } = new("JsonElement");

    /// <summary>The type as written; with <c>?</c> when null is allowed or <paramref name="optional"/>.</summary>
    public string Render(bool optional = false) => IsNullable || optional ? Name + "?" : Name;

    public TypeRef AsNullable() => this with { IsNullable = true };
}
