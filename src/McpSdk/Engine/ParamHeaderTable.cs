using System;
using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Text.Json;

namespace McpSdk.Engine;

/// <summary>
/// Which tools of a server put arguments into <c>Mcp-Param-{Name}</c> headers (SEP-2243): read once from the
/// <c>inputSchema</c>s of <c>tools/list</c>, immutable, read without a lock by every POST of the stateless form. A tool
/// without an <c>x-mcp-header</c> property is not in it, so its calls pay one lookup and nothing else.
/// </summary>
/// <remarks>
/// The rules are the official SDK 2.4.0 client's: an annotation is a non-empty HTTP token, unique (ignoring case) within
/// the tool, on a property whose <c>type</c>, where given, is <c>string</c>, <c>integer</c> or <c>boolean</c> (a union
/// with <c>null</c> allowed); nested <c>properties</c> count at any depth. A tool whose annotations break a rule is
/// excluded, as the SDK excludes it from its tool cache: its calls go out without these headers, and the session logs why.
/// </remarks>
internal sealed class ParamHeaderTable
{
    // SEP-2243's prefix (the SDK's McpHttpHeaders.ParamPrefix, which it keeps internal).
    private const string ParamPrefix = "Mcp-Param-";

    // RFC 9110 tchar: what a header name may hold.
    private static readonly SearchValues<char> s_token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly FrozenDictionary<string, ParamBinding[]> _tools;

    private ParamHeaderTable(FrozenDictionary<string, ParamBinding[]> tools) => _tools = tools;

    /// <summary>No tool binds a header (a server without annotations, or a session that sends none).</summary>
    public static ParamHeaderTable Empty { get; } = new(FrozenDictionary<string, ParamBinding[]>.Empty);

    public bool IsEmpty => _tools.Count == 0;

    /// <summary>The tools in the table, for messages and tests.</summary>
    public IEnumerable<string> ToolNames => _tools.Keys;

    /// <summary>Whether calls of <paramref name="toolName"/> carry headers.</summary>
    public bool Binds(string toolName) => _tools.Count != 0 && _tools.ContainsKey(toolName);

    /// <summary>The bound properties of <paramref name="toolName"/>'s arguments.</summary>
    public bool TryGet(string toolName, out ParamBinding[] bindings)
    {
        if (_tools.Count != 0 && _tools.TryGetValue(toolName, out ParamBinding[]? found))
        {
            bindings = found;
            return true;
        }

        bindings = [];
        return false;
    }

    /// <summary>
    /// The table for <paramref name="tools"/> (name and <c>inputSchema</c>); <paramref name="rejected"/> hears each tool
    /// left out for a broken annotation, with the reason.
    /// </summary>
    public static ParamHeaderTable From(IEnumerable<KeyValuePair<string, JsonElement>> tools, Action<string, string> rejected)
    {
        Dictionary<string, ParamBinding[]>? bound = null;
        foreach ((string name, JsonElement schema) in tools)
        {
            if (schema.ValueKind != JsonValueKind.Object
                || !schema.TryGetProperty("properties"u8, out JsonElement properties) || properties.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            ParamBinding[]? bindings = Read(properties, names, out string? reason);
            if (reason is not null)
            {
                rejected(name, reason);
            }
            else if (bindings is { Length: > 0 })
            {
                (bound ??= new Dictionary<string, ParamBinding[]>(StringComparer.Ordinal))[name] = bindings;
            }
        }

        return bound is null ? Empty : new ParamHeaderTable(bound.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The bound properties of one <c>properties</c> object; null with a reason when an annotation is broken.</summary>
    private static ParamBinding[]? Read(JsonElement properties, HashSet<string> names, out string? reason)
    {
        reason = null;
        List<ParamBinding>? bindings = null;
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            JsonElement schema = property.Value;
            if (schema.ValueKind != JsonValueKind.Object)
            {
                continue; // a boolean schema binds nothing
            }

            ParamBinding[] nested = [];
            if (schema.TryGetProperty("properties"u8, out JsonElement inner) && inner.ValueKind == JsonValueKind.Object)
            {
                if (Read(inner, names, out reason) is not { } found)
                {
                    return null;
                }

                nested = found;
            }

            string? header = null;
            bool integer = false;
            if (schema.TryGetProperty("x-mcp-header"u8, out JsonElement annotation))
            {
                reason = annotation.ValueKind != JsonValueKind.String ? $"x-mcp-header on property '{property.Name}' is not a string"
                    : annotation.GetString() is not { Length: > 0 } name ? $"x-mcp-header on property '{property.Name}' is empty"
                    : name.AsSpan().IndexOfAnyExcept(s_token) is >= 0 and int at ? $"x-mcp-header '{name}' on property '{property.Name}' holds '{name[at]}', which a header name cannot"
                    : !names.Add(name) ? $"x-mcp-header '{name}' is used twice (header names ignore case)"
                    : !IsHeaderType(schema, out integer) ? $"x-mcp-header on property '{property.Name}' has type {schema.GetProperty("type"u8).GetRawText()}; only string, integer and boolean go into a header"
                    : null;
                if (reason is not null)
                {
                    return null;
                }

                header = ParamPrefix + annotation.GetString();
            }

            if (header is not null || nested.Length != 0)
            {
                (bindings ??= []).Add(new ParamBinding(property.Name, header, integer, nested));
            }
        }

        return bindings is null ? [] : [.. bindings];
    }

    /// <summary>
    /// Whether the property's <c>type</c> lets its value go into a header (absent, or string, integer or boolean, a union
    /// with <c>null</c> allowed), and whether it is or includes <c>integer</c>: one read of the type for both answers.
    /// </summary>
    private static bool IsHeaderType(JsonElement schema, out bool integer)
    {
        integer = false;
        if (!schema.TryGetProperty("type"u8, out JsonElement type))
        {
            return true;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            integer = type.ValueEquals("integer"u8);
            return integer || type.ValueEquals("string"u8) || type.ValueEquals("boolean"u8);
        }

        if (type.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        bool any = false;
        foreach (JsonElement entry in type.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            if (entry.ValueEquals("null"u8))
            {
                continue;
            }

            bool isInteger = entry.ValueEquals("integer"u8);
            if (!isInteger && !entry.ValueEquals("string"u8) && !entry.ValueEquals("boolean"u8))
            {
                return false;
            }

            integer |= isInteger;
            any = true;
        }

        return any;
    }
}
