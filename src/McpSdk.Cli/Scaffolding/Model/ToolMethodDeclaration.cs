using System.Collections.Generic;
using McpSdk.Cli.Servers;

namespace McpSdk.Cli.Scaffolding.Model;

/// <summary>One interface method: one tool.</summary>
/// <param name="Name">The method name (PascalCase + <c>Async</c>).</param>
/// <param name="ToolName">The tool's wire name, for <c>[McpTool]</c>.</param>
/// <param name="Summary">Doc lines, already escaped.</param>
/// <param name="Parameters">Required parameters first, then optional ones; the cancellation token is not listed.</param>
/// <param name="Result">
/// The result type: from the output schema, else <c>string</c> (the text content); null for <c>CallToolResult</c> (no
/// output schema, and raw results asked for).
/// </param>
/// <param name="TaskSupport">
/// Whether the server runs the tool as an MCP task: a required one gets <c>[RunAsTask]</c>, and both a required and
/// an optional one a remark saying so.
/// </param>
internal sealed record ToolMethodDeclaration(
    string Name,
    string ToolName,
    IReadOnlyList<string> Summary,
    IReadOnlyList<ParameterDeclaration> Parameters,
    TypeRef? Result,
    ToolTaskSupport TaskSupport = ToolTaskSupport.Forbidden);

/// <summary>One tool argument as a method parameter.</summary>
/// <param name="Name">The C# parameter name as written (camelCase, escaped when a keyword).</param>
/// <param name="WireName">The argument's name on the wire.</param>
/// <param name="NeedsWireName">The C# name differs from the wire name, so it carries <c>[McpArgument]</c>.</param>
/// <param name="Type">The parameter's type.</param>
/// <param name="Required">Listed in <c>required</c>; an optional one is nullable with a <c>null</c> default (left out of the request).</param>
/// <param name="Description">Its doc text, already escaped.</param>
internal sealed record ParameterDeclaration(string Name, string WireName, bool NeedsWireName, TypeRef Type, bool Required, string Description);
