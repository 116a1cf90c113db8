using System.Collections.Generic;

namespace McpSdk.Cli.Scaffolding.Model;

/// <summary>The <c>JsonSerializerContext</c> scaffolded beside the interface and named by its <c>[McpClient(JsonContext = ...)]</c>.</summary>
/// <param name="Name">The context class's name.</param>
/// <param name="Types">The types it lists with <c>[JsonSerializable]</c>, as written, in the order first met.</param>
internal sealed record JsonContextDeclaration(string Name, IReadOnlyList<string> Types);
