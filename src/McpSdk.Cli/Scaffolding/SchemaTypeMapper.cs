using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using McpSdk.Cli.Scaffolding.Model;
using McpSdk.Validation;

namespace McpSdk.Cli.Scaffolding;

/// <summary>
/// Maps JSON Schemas to C# types: primitives, <c>IReadOnlyList&lt;T&gt;</c>, records for object schemas and enums for string
/// enums, and <see cref="TypeRef.Json"/> for whatever has no single C# shape. Records and enums of the same shape are
/// declared once and shared across tools.
/// </summary>
internal sealed class SchemaTypeMapper
{
    private const int MaxDepth = 16;

    private readonly NameScope _typeNames;
    private readonly Dictionary<string, string> _bySignature = new(StringComparer.Ordinal);
    private readonly List<RecordDeclaration> _records = [];
    private readonly List<EnumDeclaration> _enums = [];

    /// <param name="reservedTypeNames">Names a generated type must not take: the interface's, and every type the file refers to.</param>
    public SchemaTypeMapper(IEnumerable<string> reservedTypeNames) => _typeNames = new NameScope(reservedTypeNames);

    public IReadOnlyList<RecordDeclaration> Records => _records;

    public IReadOnlyList<EnumDeclaration> Enums => _enums;

    /// <summary>The C# type for <paramref name="schema"/>.</summary>
    public TypeRef Map(JsonElement schema, SchemaContext context)
    {
        if (context.Depth > MaxDepth || schema.ValueKind != JsonValueKind.Object)
        {
            return TypeRef.Json;
        }

        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            return Resolve(reference, context.Root) is { } target ? Map(target, context with { Depth = context.Depth + 1 }) : TypeRef.Json;
        }

        (string? type, bool nullable) = ReadType(schema);
        if (type is null)
        {
            if (Alternatives(schema) is { } alternatives)
            {
                return MapAlternatives(alternatives, context);
            }

            type = InferType(schema);
        }

        TypeRef mapped = type switch
        {
            "string" when schema.TryGetProperty("enum", out JsonElement values) => MapEnum(values, context) ?? TypeRef.String,
            "string" => TypeRef.String,
            "number" => TypeRef.Double,
            "integer" => TypeRef.Long,
            "boolean" => TypeRef.Bool,
            "array" => MapArray(schema, context),
            "object" => MapObject(schema, context),
            _ => TypeRef.Json,
        };

        if (schema.TryGetProperty("enum", out JsonElement enumValues) && enumValues.ValueKind == JsonValueKind.Array
            && enumValues.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null))
        {
            nullable = true;
        }

        return nullable && mapped.Name != TypeRef.Json.Name ? mapped.AsNullable() : mapped;
    }

    /// <summary>
    /// The type for a tool's <c>outputSchema</c>: a record of its own named <c>{Tool}Result</c> (never shared, so that
    /// each method's result type says whose it is), or another type when the schema is not an object with properties.
    /// </summary>
    public TypeRef MapResult(JsonElement outputSchema, string ownerHint, string toolName)
    {
        var context = new SchemaContext(outputSchema, ownerHint + "Result", ownerHint,
            "what " + CSharpText.Code(toolName) + " answers in <c>structuredContent</c>");
        if (outputSchema.ValueKind == JsonValueKind.Object
            && !outputSchema.TryGetProperty("$ref", out _)
            && outputSchema.TryGetProperty("properties", out JsonElement properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.EnumerateObject().Any())
        {
            return DeclareRecord(outputSchema, properties, context, shared: false);
        }

        return Map(outputSchema, context);
    }

    private static (string? Type, bool Nullable) ReadType(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out JsonElement type))
        {
            return (null, false);
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return (type.GetString(), false);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            string[] names = type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToArray();
            string[] nonNull = names.Where(n => n != "null").Distinct(StringComparer.Ordinal).ToArray();
            bool nullable = nonNull.Length != names.Length;
            return nonNull.Length == 1 ? (nonNull[0], nullable) : ("any", nullable);
        }

        return ("any", false);
    }

    private static string InferType(JsonElement schema)
    {
        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _))
        {
            return "object";
        }

        if (schema.TryGetProperty("items", out _))
        {
            return "array";
        }

        JsonElement sample = default;
        if (schema.TryGetProperty("enum", out JsonElement values) && values.ValueKind == JsonValueKind.Array)
        {
            JsonElement[] nonNull = values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToArray();
            if (nonNull.Length > 0 && nonNull.All(v => v.ValueKind == nonNull[0].ValueKind))
            {
                sample = nonNull[0];
            }
        }
        else if (schema.TryGetProperty("const", out JsonElement constant))
        {
            sample = constant;
        }

        return sample.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "any",
        };
    }

    private static JsonElement[]? Alternatives(JsonElement schema)
    {
        foreach (string keyword in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                return list.EnumerateArray().ToArray();
            }
        }

        return null;
    }

    // "anyOf": [X, {"type": "null"}] is a nullable X; any other union has no single C# shape.
    private TypeRef MapAlternatives(JsonElement[] alternatives, SchemaContext context)
    {
        JsonElement[] nonNull = alternatives.Where(a => !IsNullSchema(a)).ToArray();
        if (nonNull.Length != 1)
        {
            return TypeRef.Json;
        }

        TypeRef single = Map(nonNull[0], context with { Depth = context.Depth + 1 });
        return nonNull.Length != alternatives.Length && single.Name != TypeRef.Json.Name ? single.AsNullable() : single;
    }

    private static bool IsNullSchema(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out JsonElement type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

    private static JsonElement? Resolve(JsonElement reference, JsonElement root)
    {
        if (reference.ValueKind != JsonValueKind.String || reference.GetString() is not { } pointer || !pointer.StartsWith('#'))
        {
            return null;
        }

        JsonElement current = root;
        foreach (string rawSegment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string segment = Uri.UnescapeDataString(rawSegment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current;
    }

    private TypeRef MapArray(JsonElement schema, SchemaContext context)
    {
        TypeRef item = schema.TryGetProperty("items", out JsonElement items)
            ? Map(items, context.Nested(Identifiers.ItemName(context.NameHint), "an item of " + context.Origin))
            : TypeRef.Json;
        return new TypeRef($"IReadOnlyList<{item.Render()}>");
    }

    private TypeRef MapObject(JsonElement schema, SchemaContext context)
    {
        if (schema.TryGetProperty("properties", out JsonElement properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.EnumerateObject().Any())
        {
            return DeclareRecord(schema, properties, context, shared: true);
        }

        if (schema.TryGetProperty("additionalProperties", out JsonElement values) && values.ValueKind == JsonValueKind.Object)
        {
            TypeRef value = Map(values, context.Nested(Identifiers.ItemName(context.NameHint), "a value of " + context.Origin));
            return new TypeRef($"IReadOnlyDictionary<string, {value.Render()}>");
        }

        return TypeRef.Json;
    }

    private TypeRef DeclareRecord(JsonElement schema, JsonElement properties, SchemaContext context, bool shared)
    {
        HashSet<string> required = RequiredNames(schema);
        var members = new List<(string Wire, TypeRef Type, bool Required, JsonElement Schema)>();
        foreach (JsonProperty property in properties.EnumerateObject())
        {
            TypeRef type = Map(property.Value, context.Nested(
                Identifiers.Pascal(property.Name), "the " + CSharpText.Code(property.Name) + " member of " + context.Origin));
            members.Add((property.Name, type, required.Contains(property.Name), property.Value));
        }

        // Positional parameters with defaults (the optional members) must follow those without.
        members = [.. members.Where(m => m.Required), .. members.Where(m => !m.Required)];

        string signature = "record{" + string.Join(",", members.Select(m => $"{m.Wire}:{m.Type.Render()}:{m.Required}")) + "}";
        if (shared && _bySignature.TryGetValue(signature, out string? existing))
        {
            return new TypeRef(existing);
        }

        string name = ClaimTypeName(context);
        if (shared)
        {
            _bySignature.Add(signature, name);
        }

        var memberNames = new NameScope(
            name, "EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType",
            "MemberwiseClone", "Finalize", "ReferenceEquals", "Clone");
        var declared = new List<PropertyDeclaration>(members.Count);
        foreach ((string wire, TypeRef type, bool isRequired, JsonElement memberSchema) in members)
        {
            string propertyName = memberNames.Claim(Identifiers.Pascal(wire));
            declared.Add(new PropertyDeclaration(propertyName, wire, type, isRequired, Describe(memberSchema, "The " + CSharpText.Code(wire) + " member.")));
        }

        string summary = DescriptionOf(schema) ?? Capitalize(
            shared ? "The shape of " + context.Origin + "." : context.Origin + ".");
        _records.Add(new RecordDeclaration(name, summary, declared));
        return new TypeRef(name);
    }

    private TypeRef? MapEnum(JsonElement values, SchemaContext context)
    {
        if (values.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        string[] wireValues = values.EnumerateArray()
            .Where(v => v.ValueKind != JsonValueKind.Null)
            .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null)
            .ToArray()!;
        if (wireValues.Length == 0 || wireValues.Any(v => v is null))
        {
            return null;
        }

        wireValues = wireValues.Distinct(StringComparer.Ordinal).ToArray();
        string signature = "enum{" + string.Join("\u0001", wireValues) + "}";
        if (_bySignature.TryGetValue(signature, out string? existing))
        {
            return new TypeRef(existing);
        }

        string name = ClaimTypeName(context);
        _bySignature.Add(signature, name);

        var memberNames = new NameScope(name, "value__");
        var members = new List<EnumMemberDeclaration>(wireValues.Length);
        foreach (string wire in wireValues)
        {
            // McpSdk writes an enum by its member name, so a member named as the wire value needs no attribute.
            if (Identifiers.IsIdentifier(wire) && memberNames.TryClaim(wire))
            {
                members.Add(new EnumMemberDeclaration(Identifiers.Escape(wire), wire, NeedsWireName: false));
            }
            else
            {
                members.Add(new EnumMemberDeclaration(memberNames.Claim(Identifiers.Pascal(wire)), wire, NeedsWireName: true));
            }
        }

        string summary = Capitalize("The values of " + context.Origin + ".");
        _enums.Add(new EnumDeclaration(name, summary, members));
        return new TypeRef(name);
    }

    private string ClaimTypeName(SchemaContext context)
    {
        string hint = context.NameHint;
        if (_typeNames.TryClaim(hint))
        {
            return hint;
        }

        return _typeNames.Claim(hint.StartsWith(context.OwnerHint, StringComparison.Ordinal) ? hint : context.OwnerHint + hint);
    }

    /// <summary>The names in a schema's <c>required</c> list; the same reading as the drift check's.</summary>
    public static HashSet<string> RequiredNames(JsonElement schema) => ToolDriftComparer.RequiredNames(schema);

    /// <summary>
    /// The schema's <c>description</c> as escaped doc text, with the value the server uses when the member is left out.
    /// </summary>
    /// <param name="schema">The member's schema.</param>
    /// <param name="fallback">Escaped text to use when the schema has no description.</param>
    public static string Describe(JsonElement schema, string fallback)
    {
        var text = new StringBuilder();
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("description", out JsonElement description)
            && description.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(description.GetString()))
        {
            text.Append(CSharpText.Inline(description.GetString()!));
        }
        else
        {
            text.Append(fallback);
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return text.ToString();
        }

        if (schema.TryGetProperty("default", out JsonElement serverDefault))
        {
            text.Append(text[^1] is '.' or '!' or '?' ? " " : ". ");
            text.Append("When omitted, the server uses ").Append(CSharpText.Code(serverDefault.GetRawText())).Append('.');
        }

        return text.ToString();
    }

    private static string? DescriptionOf(JsonElement schema) =>
        schema.TryGetProperty("description", out JsonElement description) && description.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(description.GetString())
            ? CSharpText.Inline(description.GetString()!)
            : null;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
