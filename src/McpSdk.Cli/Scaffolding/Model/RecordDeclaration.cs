using System.Collections.Generic;

namespace McpSdk.Cli.Scaffolding.Model;

/// <summary>A <c>sealed record</c> generated for an object schema.</summary>
/// <param name="Name">The record's C# name.</param>
/// <param name="Summary">Its doc summary, already escaped.</param>
/// <param name="Properties">Required properties first (positional parameters without defaults), then optional ones.</param>
internal sealed record RecordDeclaration(string Name, string Summary, IReadOnlyList<PropertyDeclaration> Properties);

/// <summary>One property of a generated record.</summary>
/// <param name="Name">The C# property name (PascalCase).</param>
/// <param name="WireName">The JSON member name.</param>
/// <param name="Type">The property's type.</param>
/// <param name="Required">Listed in the schema's <c>required</c>; an optional one is nullable, defaults to null and is not written when null.</param>
/// <param name="Description">Its doc text, already escaped.</param>
internal sealed record PropertyDeclaration(string Name, string WireName, TypeRef Type, bool Required, string Description);
