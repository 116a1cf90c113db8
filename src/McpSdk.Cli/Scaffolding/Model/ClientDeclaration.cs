using System.Collections.Generic;

namespace McpSdk.Cli.Scaffolding.Model;

/// <summary>Everything the scaffolded file declares.</summary>
/// <param name="Namespace">The file-scoped namespace.</param>
/// <param name="InterfaceName">The <c>[McpClient]</c> interface.</param>
/// <param name="ServerDescription">The server as named in its <c>serverInfo</c>, for the header and summary.</param>
/// <param name="Methods">One per tool, in the server's order.</param>
/// <param name="Records">Records for object schemas, in the order first met.</param>
/// <param name="Enums">Enums for string enum schemas, in the order first met.</param>
/// <param name="JsonContext">
/// The <c>JsonSerializerContext</c> for the types McpSdk's built-in context lacks, so the client trims and publishes as
/// Native AOT; <see langword="null"/> when every type is built in.
/// </param>
internal sealed record ClientDeclaration(
    string Namespace,
    string InterfaceName,
    string ServerDescription,
    IReadOnlyList<ToolMethodDeclaration> Methods,
    IReadOnlyList<RecordDeclaration> Records,
    IReadOnlyList<EnumDeclaration> Enums,
    JsonContextDeclaration? JsonContext);
