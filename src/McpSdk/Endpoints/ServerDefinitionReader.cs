using System;
using System.Collections.Generic;
using System.Linq;

namespace McpSdk.Endpoints;

/// <summary>
/// Reads one server definition of the editor/desktop shape (<c>type</c>, <c>command</c>, <c>args</c>, <c>env</c>,
/// <c>cwd</c>, <c>url</c>, <c>headers</c>) from wherever it is stored: a JSON file or configuration.
/// </summary>
internal static class ServerDefinitionReader
{
    /// <summary>One server's fields, as the store holds them.</summary>
    internal interface IFields
    {
        /// <summary>A text field, or <see langword="null"/>.</summary>
        string? Text(string key);

        /// <summary>The items of a list field, in order.</summary>
        IEnumerable<string> List(string key);

        /// <summary>The members of an object field.</summary>
        IEnumerable<KeyValuePair<string, string?>> Members(string key);
    }

    /// <summary>Whether the fields define a server of this shape (a command or a URL).</summary>
    public static bool IsDefinition(IFields fields) => fields.Text("command") is { Length: > 0 } || fields.Text("url") is { Length: > 0 };

    public static McpServerDefinition Read(string name, IFields fields, ServerPlaceholders placeholders)
    {
        string? Resolved(string? text) => text is null ? null : placeholders.Resolve(name, text);

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string?> variable in fields.Members("env"))
        {
            environment[variable.Key] = Resolved(variable.Value);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string?> header in fields.Members("headers"))
        {
            headers[header.Key] = Resolved(header.Value) ?? string.Empty;
        }

        Uri? url = null;
        if (Resolved(fields.Text("url")) is { Length: > 0 } text
            && !(Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            throw new FormatException($"The MCP server '{name}' has the url '{text}', which is not an absolute http or https URI: correct its 'url'.");
        }

        return new McpServerDefinition(
            name,
            fields.Text("type"),
            Resolved(fields.Text("command")),
            [.. fields.List("args").Select(argument => Resolved(argument)!)],
            environment,
            Resolved(fields.Text("cwd")),
            url,
            headers);
    }
}
