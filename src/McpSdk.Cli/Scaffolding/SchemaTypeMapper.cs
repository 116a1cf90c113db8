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

    private readonly TypeNamer _typeNames;
    private readonly Dictionary<string, string> _bySignature = new(StringComparer.Ordinal);
    private readonly List<RecordDeclaration> _records = [];
    private readonly List<EnumDeclaration> _enums = [];

    /// <param name="typeNames">Names the records and enums; it knows what they must not clash with.</param>
    public SchemaTypeMapper(TypeNamer typeNames) => _typeNames = typeNames;

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
        else if (type.Contains('|', StringComparison.Ordinal))
        {
            TypeRef union = MapUnion(type.Split('|'), context);
            return nullable && union.Name != TypeRef.Json.Name ? union.AsNullable() : union;
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
            "what " + CSharpText.Code(toolName) + " answers in <c>structuredContent</c>", IsOutput: true);
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
            // Several types: "a|b", for MapUnion.
            return nonNull.Length == 0 ? ("any", nullable) : (string.Join('|', nonNull), nullable);
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

    // "anyOf": [X, {"type": "null"}] is a nullable X; a union of JSON primitives is the most useful one of them (see
    // MapUnion); a union with an object or array in it has no single C# shape.
    private TypeRef MapAlternatives(JsonElement[] alternatives, SchemaContext context)
    {
        JsonElement[] nonNull = alternatives.Where(a => !IsNullSchema(a)).ToArray();
        bool nullable = nonNull.Length != alternatives.Length;
        TypeRef mapped;
        if (nonNull.Length == 1)
        {
            mapped = Map(nonNull[0], context with { Depth = context.Depth + 1 });
        }
        else
        {
            string?[] kinds = nonNull.Select(alternative => PrimitiveKind(alternative, context.Root)).ToArray();
            mapped = nonNull.Length > 0 && kinds.All(kind => kind is not null) ? MapUnion(kinds.OfType<string>().ToArray(), context) : TypeRef.Json;
        }

        return nullable && mapped.Name != TypeRef.Json.Name ? mapped.AsNullable() : mapped;
    }

    /// <summary>The JSON type of a primitive alternative (a string enum is a string); null for anything else.</summary>
    private static string? PrimitiveKind(JsonElement alternative, JsonElement root)
    {
        if (alternative.ValueKind == JsonValueKind.Object && alternative.TryGetProperty("$ref", out JsonElement reference))
        {
            return Resolve(reference, root) is { } target ? PrimitiveKind(target, root) : null;
        }

        if (alternative.ValueKind != JsonValueKind.Object || Alternatives(alternative) is not null)
        {
            return null;
        }

        (string? type, _) = ReadType(alternative);
        type ??= InferType(alternative);
        return type is "string" or "number" or "integer" or "boolean" ? type : null;
    }

    /// <summary>
    /// A union of JSON primitive types. One kind (two strings, a number and an integer) is that type, with nothing lost.
    /// Mixed kinds in an argument are the narrower non-string type (the union's other types are then noted in the doc
    /// comment): <c>["boolean", "string"]</c> is a <c>bool</c>, <c>["number", "string"]</c> a <c>double</c>. A result
    /// must read whatever the server sends, so there mixed kinds stay <see cref="TypeRef.Json"/>.
    /// </summary>
    private static TypeRef MapUnion(IReadOnlyCollection<string> kinds, SchemaContext context)
    {
        string[] distinct = kinds.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Any(kind => kind is not ("string" or "number" or "integer" or "boolean")))
        {
            return TypeRef.Json;
        }

        bool hasNumber = distinct.Contains("number"), hasInteger = distinct.Contains("integer");
        bool hasBoolean = distinct.Contains("boolean");
        if (distinct.Length == 1 || (distinct.Length == 2 && hasNumber && hasInteger))
        {
            return hasNumber ? TypeRef.Double : hasInteger ? TypeRef.Long : hasBoolean ? TypeRef.Bool : TypeRef.String;
        }

        if (context.IsOutput)
        {
            return TypeRef.Json;
        }

        (TypeRef chosen, string[] covered) = hasNumber ? (TypeRef.Double, new[] { "number", "integer" })
            : hasInteger ? (TypeRef.Long, ["integer"])
            : hasBoolean ? (TypeRef.Bool, ["boolean"])
            : (TypeRef.String, ["string"]);
        string[] others = distinct.Where(kind => !covered.Contains(kind)).ToArray();
        string note = "The schema also allows " + string.Join(" or ", others.Select(CSharpText.Code)) +
            " here; to send one, change the type to <c>JsonElement</c>.";
        return chosen with { Note = note };
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
            declared.Add(new PropertyDeclaration(
                propertyName, wire, type, isRequired, WithNote(Describe(memberSchema, "The " + CSharpText.Code(wire) + " member."), type)));
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
            // Members are PascalCase, as .NET names are; McpSdk writes an enum by its member name in camelCase. A member
            // whose name or camelCase name differs from its wire value carries the wire value in [JsonStringEnumMemberName],
            // so the declaration says what is sent however the type is serialised.
            string member = memberNames.Claim(Identifiers.Pascal(wire));
            bool spelledAsIs = member == wire && JsonNamingPolicy.CamelCase.ConvertName(member) == wire;
            members.Add(new EnumMemberDeclaration(member, wire, NeedsWireName: !spelledAsIs));
        }

        string summary = Capitalize("The values of " + context.Origin + ".");
        _enums.Add(new EnumDeclaration(name, summary, members));
        return new TypeRef(name);
    }

    private string ClaimTypeName(SchemaContext context) => _typeNames.Claim(context.NameHint, context.OwnerHint);

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

    /// <summary><paramref name="description"/> followed by what <paramref name="type"/> leaves out of the schema, if anything.</summary>
    public static string WithNote(string description, TypeRef type) => type.Note is null ? description : description + " " + type.Note;

    private static string? DescriptionOf(JsonElement schema) =>
        schema.TryGetProperty("description", out JsonElement description) && description.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(description.GetString())
            ? CSharpText.Inline(description.GetString()!)
            : null;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
