using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace McpSdk.Endpoints;

/// <summary>
/// Resolves the placeholders editors put in server definitions: <c>${input:id}</c> (a value the editor would prompt
/// for; here given by the caller or by configuration), <c>${env:NAME}</c> (this process's environment, empty when
/// unset, as editors do), <c>${workspaceFolder}</c> and <c>${userHome}</c>. Anything else is left as written.
/// </summary>
/// <param name="source">Where the definitions come from, for messages (a file path or "configuration").</param>
/// <param name="inputs">Input values by id; a missing one is an error naming the input.</param>
/// <param name="inputDescriptions">Each declared input's description (the file's <c>inputs</c>), for that error.</param>
/// <param name="workspaceFolder">The folder <c>${workspaceFolder}</c> stands for.</param>
/// <param name="howToSupply">The end of the missing-input message: how the caller can give a value.</param>
internal sealed partial class ServerPlaceholders(
    string source,
    Func<string, string?> inputs,
    IReadOnlyDictionary<string, string?> inputDescriptions,
    string workspaceFolder,
    Func<string, string> howToSupply)
{
    [GeneratedRegex(@"\$\{(?:(?<kind>input|env):(?<name>[^}]+)|(?<kind>workspaceFolder|userHome))\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary><paramref name="text"/> with every placeholder replaced.</summary>
    public string Resolve(string serverName, string text) => Placeholder().Replace(text, match =>
    {
        string name = match.Groups["name"].Value;
        return match.Groups["kind"].Value switch
        {
            "input" => inputs(name) ?? throw MissingInput(serverName, name),
            "env" => Environment.GetEnvironmentVariable(name) ?? string.Empty,
            "workspaceFolder" => workspaceFolder,
            _ => Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        };
    });

    private InvalidOperationException MissingInput(string serverName, string id)
    {
        string described = inputDescriptions.TryGetValue(id, out string? description) && !string.IsNullOrWhiteSpace(description)
            ? $" (\"{description}\")"
            : string.Empty;
        return new InvalidOperationException(
            $"The MCP server '{serverName}' in {source} uses ${{input:{id}}}{described}, which has no value here (an editor would prompt " +
            $"for it): {howToSupply(id)}.");
    }
}
