using System.Text.Json;

namespace McpSdk.Cli.Scaffolding;

/// <summary>Where a schema sits: what to name a type made for it and how to describe it.</summary>
/// <param name="Root">The tool's whole input or output schema, against which local <c>$ref</c>s resolve.</param>
/// <param name="NameHint">The preferred C# type name (PascalCase), e.g. <c>Location</c> for the argument <c>location</c>.</param>
/// <param name="OwnerHint">The tool's PascalCase name, put in front of <see cref="NameHint"/> when that is taken.</param>
/// <param name="Origin">Doc text naming the place, e.g. <c>the &lt;c&gt;location&lt;/c&gt; argument of &lt;c&gt;get-structured-content&lt;/c&gt;</c>.</param>
/// <param name="Depth">Nesting depth, bounded so that recursive <c>$ref</c>s end.</param>
/// <param name="IsOutput">
/// The schema describes what the server sends (an <c>outputSchema</c>): a C# type must then read every value the schema
/// allows, where an argument's type need only write values it allows.
/// </param>
internal readonly record struct SchemaContext(JsonElement Root, string NameHint, string OwnerHint, string Origin, int Depth = 0, bool IsOutput = false)
{
    public SchemaContext Nested(string nameHint, string origin) => this with { NameHint = nameHint, Origin = origin, Depth = Depth + 1 };
}
