using System.Collections.Generic;

namespace McpSdk.Cli.Scaffolding.Model;

/// <summary>A C# enum generated for a string schema with an <c>enum</c> list.</summary>
/// <param name="Name">The enum's C# name.</param>
/// <param name="Summary">Its doc summary, already escaped.</param>
/// <param name="Members">One member per wire value, in the schema's order.</param>
internal sealed record EnumDeclaration(string Name, string Summary, IReadOnlyList<EnumMemberDeclaration> Members);

/// <summary>One enum member.</summary>
/// <param name="Name">The C# member name as written (escaped when a keyword).</param>
/// <param name="WireValue">The string sent and received.</param>
/// <param name="NeedsWireName">
/// The member name, or its camelCase form (which McpSdk sends), differs from the wire value, so it carries
/// <c>[JsonStringEnumMemberName]</c>.
/// </param>
internal sealed record EnumMemberDeclaration(string Name, string WireValue, bool NeedsWireName);
