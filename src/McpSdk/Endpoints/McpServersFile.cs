using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using McpSdk.Endpoints;

namespace McpSdk;

/// <summary>
/// The server definitions users already have, read as they are: an editor's <c>.vscode/mcp.json</c> (<c>servers</c>,
/// with <c>inputs</c> for the values the editor prompts for) or a desktop client's configuration (<c>mcpServers</c>).
/// Each server is a <c>command</c> with <c>args</c>, <c>env</c> and <c>cwd</c> (stdio), or a <c>url</c> with
/// <c>headers</c> (<c>type</c> <c>http</c> or <c>sse</c>). Comments and trailing commas are allowed, as editors allow them.
/// </summary>
/// <example><code>
/// McpServersFile file = McpServersFile.Load(".vscode/mcp.json");
/// McpEndpoint git = file.CreateEndpoint("git", new Dictionary&lt;string, string&gt; { ["github-token"] = token });
/// await using var connection = await McpConnection.OpenAsync(git);
/// </code></example>
public sealed class McpServersFile
{
    private static readonly JsonDocumentOptions s_jsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Dictionary<string, JsonElement> _servers;
    private readonly string _source;
    private readonly string _workspaceFolder;

    private McpServersFile(Dictionary<string, JsonElement> servers, Dictionary<string, string?> inputs, string source, string workspaceFolder)
    {
        _servers = servers;
        Inputs = inputs;
        _source = source;
        _workspaceFolder = workspaceFolder;
    }

    /// <summary>The servers' names, in the file's order.</summary>
    public IReadOnlyCollection<string> ServerNames => _servers.Keys;

    /// <summary>The declared inputs (<c>${input:id}</c> values), by id, with their descriptions.</summary>
    public IReadOnlyDictionary<string, string?> Inputs { get; }

    /// <summary>
    /// Reads <paramref name="path"/>. <c>${workspaceFolder}</c> is the folder above <c>.vscode</c> for a file in one,
    /// else the file's own folder.
    /// </summary>
    public static McpServersFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (Path.GetFileName(folder).Equals(".vscode", StringComparison.OrdinalIgnoreCase))
        {
            folder = Path.GetDirectoryName(folder) ?? folder;
        }

        return Parse(File.ReadAllText(full), folder, $"'{path}'");
    }

    /// <summary>Reads the definitions from JSON text.</summary>
    /// <param name="json">An object with <c>servers</c> or <c>mcpServers</c>.</param>
    /// <param name="workspaceFolder">What <c>${workspaceFolder}</c> stands for (default: the current directory).</param>
    public static McpServersFile Parse(string json, string? workspaceFolder = null) =>
        Parse(json, workspaceFolder ?? Environment.CurrentDirectory, "the server definitions");

    private static McpServersFile Parse(string json, string workspaceFolder, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json, s_jsonOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !(TryGetObject(root, "servers", out JsonElement servers) || TryGetObject(root, "mcpServers", out servers)))
        {
            throw new FormatException(
                $"{Capitalized(source)} has no 'servers' object (as in .vscode/mcp.json) or 'mcpServers' object (as in a desktop client's configuration).");
        }

        var byName = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty server in servers.EnumerateObject())
        {
            byName[server.Name] = server.Value.Clone();
        }

        var inputs = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (root.TryGetProperty("inputs", out JsonElement declared) && declared.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement input in declared.EnumerateArray())
            {
                if (String(input, "id") is { } id)
                {
                    inputs[id] = String(input, "description");
                }
            }
        }

        return new McpServersFile(byName, inputs, source, workspaceFolder);
    }

    /// <summary>The server <paramref name="name"/>, its placeholders resolved.</summary>
    /// <param name="name">Its key under <c>servers</c> or <c>mcpServers</c>.</param>
    /// <param name="inputs">Values for its <c>${input:id}</c> placeholders, by id.</param>
    public McpServerDefinition GetServer(string name, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_servers.TryGetValue(name, out JsonElement server) || server.ValueKind != JsonValueKind.Object)
        {
            throw new KeyNotFoundException(
                $"There is no MCP server '{name}' in {_source}; there are: {string.Join(", ", _servers.Keys.Select(key => $"'{key}'"))}.");
        }

        var placeholders = new ServerPlaceholders(
            _source,
            id => inputs is not null && inputs.TryGetValue(id, out string? value) ? value : null,
            Inputs,
            _workspaceFolder,
            id => $"pass it in the inputs, e.g. CreateEndpoint(\"{name}\", new Dictionary<string, string> {{ [\"{id}\"] = … }})");
        return ServerDefinitionReader.Read(name, new JsonFields(server), placeholders);
    }

    /// <summary>The endpoint of the server <paramref name="name"/> (see <see cref="McpServerDefinition.ToEndpoint"/>).</summary>
    /// <param name="name">Its key under <c>servers</c> or <c>mcpServers</c>.</param>
    /// <param name="inputs">Values for its <c>${input:id}</c> placeholders, by id.</param>
    public McpEndpoint CreateEndpoint(string name, IReadOnlyDictionary<string, string>? inputs = null) => GetServer(name, inputs).ToEndpoint();

    /// <summary>A server's fields in the JSON file.</summary>
    private sealed class JsonFields(JsonElement server) : ServerDefinitionReader.IFields
    {
        public string? Text(string key) => String(server, key);

        public IEnumerable<string> List(string key) =>
            server.TryGetProperty(key, out JsonElement list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())
                : [];

        public IEnumerable<KeyValuePair<string, string?>> Members(string key) =>
            TryGetObject(server, key, out JsonElement members)
                ? members.EnumerateObject().Select(member => KeyValuePair.Create(member.Name, member.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => member.Value.GetString(),
                    _ => member.Value.GetRawText(),
                }))
                : [];
    }

    private static bool TryGetObject(JsonElement element, string property, out JsonElement value) =>
        element.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Object;

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
