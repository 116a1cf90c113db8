using System;
using System.Collections.Generic;

namespace McpSdk;

/// <summary>
/// One server as editors and desktop clients define it (an entry of <c>.vscode/mcp.json</c>'s <c>servers</c> or of a
/// desktop client's <c>mcpServers</c>), with its placeholders resolved: a command to start (stdio) or a URL (HTTP).
/// </summary>
/// <param name="Name">The server's key in the file.</param>
/// <param name="Type">The declared <c>type</c> (<c>stdio</c>, <c>http</c>, <c>streamable-http</c>, <c>sse</c>), if any.</param>
/// <param name="Command">The program to start, for a stdio server.</param>
/// <param name="Arguments">Its arguments (<c>args</c>).</param>
/// <param name="Environment">Variables set for it (<c>env</c>), on top of this process's environment.</param>
/// <param name="WorkingDirectory">Its working directory (<c>cwd</c>), if any.</param>
/// <param name="Url">The endpoint of an HTTP server.</param>
/// <param name="Headers">Headers sent with every request to an HTTP server (<c>headers</c>).</param>
public sealed record McpServerDefinition(
    string Name,
    string? Type,
    string? Command,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string?> Environment,
    string? WorkingDirectory,
    Uri? Url,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>
    /// The endpoint: <c>McpEndpoint.Stdio</c>
    /// for a command (unless <see cref="Type"/> says HTTP), <see cref="McpEndpoint.Http"/> (Streamable HTTP, falling back
    /// to SSE) with the headers for a URL.
    /// </summary>
    public McpEndpoint ToEndpoint()
    {
        if (Command is { Length: > 0 } command && !IsHttp)
        {
            return McpEndpoint.Stdio(command, [.. Arguments], Environment.Count == 0 ? null : Environment, WorkingDirectory);
        }

        if (Url is { } url)
        {
            var options = new McpHttpOptions();
            if (Headers.Count > 0)
            {
                options.AdditionalHeaders = new Dictionary<string, string>(Headers, StringComparer.OrdinalIgnoreCase);
            }

            return McpEndpoint.Http(url, options);
        }

        throw new InvalidOperationException(
            $"The MCP server '{Name}' has neither a 'command' (a stdio server) nor a 'url' (an HTTP server): add one of them to its definition.");
    }

    private bool IsHttp => Type is "http" or "streamable-http" or "streamableHttp" or "sse";
}
