using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>
/// Writes the JSON schema of a C# type the way the proxy's JSON settings read and write it: camelCase property names
/// (or <c>[JsonPropertyName]</c>), enums as their camelCase names (or <c>[JsonStringEnumMemberName]</c>; an enum with its own
/// <c>[JsonConverter]</c> as a plain string), constructor parameters without defaults required, nullables with
/// <c>null</c> in their type. Symbols in, compact JSON text out; used by the parser only.
/// </summary>
internal sealed class JsonSchemaWriter
{
    private readonly StringBuilder _json = new();
    private readonly HashSet<ITypeSymbol> _expanding = new(SymbolEqualityComparer.Default);

    private JsonSchemaWriter()
    {
    }

    /// <summary>The schema of one value of <paramref name="type"/>, with a description and a default when given.</summary>
    public static string Of(ITypeSymbol type, bool nullable, string? description, string? defaultJson)
    {
        var writer = new JsonSchemaWriter();
        writer.Write(type, nullable, description, defaultJson, depth: 0);
        return writer._json.ToString();
    }

    /// <summary>An object schema from already written property schemas.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> properties, IEnumerable<string> required)
    {
        var json = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        json.Append(string.Join(",", properties.Select(p => Quote(p.Key) + ":" + p.Value)));
        json.Append('}');
        string[] names = required.ToArray();
        if (names.Length > 0)
        {
            json.Append(",\"required\":[").Append(string.Join(",", names.Select(Quote))).Append(']');
        }

        return json.Append('}').ToString();
    }

    private void Write(ITypeSymbol type, bool nullable, string? description, string? defaultJson, int depth)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapped)
        {
            type = wrapped.TypeArguments[0];
            nullable = true;
        }

        _json.Append('{');
        if (description is not null)
        {
            _json.Append("\"description\":").Append(Quote(description)).Append(',');
        }

        WriteBody(type, nullable, depth);
        if (defaultJson is not null)
        {
            _json.Append(",\"default\":").Append(defaultJson);
        }

        if (_json[_json.Length - 1] == ',')
        {
            _json.Length--;
        }

        _json.Append('}');
    }

    private void WriteBody(ITypeSymbol type, bool nullable, int depth)
    {
        if (Simple(type) is { } simple)
        {
            WriteType(simple.Type, nullable);
            if (simple.Format is not null)
            {
                _json.Append(",\"format\":").Append(Quote(simple.Format));
            }

            return;
        }

        if (IsAny(type))
        {
            return; // {}: any JSON.
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            WriteType("string", nullable);
            if (!HasAttribute(enumType, "System.Text.Json.Serialization.JsonConverterAttribute", inherited: true))
            {
                IEnumerable<string> names = EnumWireNames(enumType).Select(Quote);
                _json.Append(",\"enum\":[").Append(string.Join(",", nullable ? names.Concat(new[] { "null" }) : names)).Append(']');
            }

            return;
        }

        if (depth > JsonTypeGraph.MaxDepth || !_expanding.Add(type))
        {
            WriteType("object", nullable); // A type that contains itself: its inner levels stay open.
            return;
        }

        try
        {
            if (DictionaryValueType(type) is { } value)
            {
                WriteType("object", nullable);
                _json.Append(",\"additionalProperties\":");
                Write(value, NullabilityOf(value), null, null, depth + 1);
            }
            else if (ElementType(type) is { } element)
            {
                WriteType("array", nullable);
                _json.Append(",\"items\":");
                Write(element, NullabilityOf(element), null, null, depth + 1);
            }
            else
            {
                WriteType("object", nullable);
                WriteProperties((INamedTypeSymbol)type, depth);
            }
        }
        finally
        {
            _expanding.Remove(type);
        }
    }

    private void WriteType(string type, bool nullable) =>
        _json.Append("\"type\":").Append(nullable ? "[" + Quote(type) + ",\"null\"]" : Quote(type));

    private void WriteProperties(INamedTypeSymbol type, int depth)
    {
        IMethodSymbol? constructor = DeserializationConstructor(type);
        var required = new List<string>();
        _json.Append(",\"properties\":{");
        bool first = true;
        foreach (IPropertySymbol property in JsonProperties(type))
        {
            string name = PropertyName(property);
            IParameterSymbol? parameter = constructor?.Parameters.FirstOrDefault(p => string.Equals(p.Name, property.Name, System.StringComparison.OrdinalIgnoreCase));
            if ((parameter is not null && !parameter.HasExplicitDefaultValue) || property.IsRequired
                || HasAttribute(property, "System.Text.Json.Serialization.JsonRequiredAttribute", inherited: false))
            {
                required.Add(name);
            }

            if (!first)
            {
                _json.Append(',');
            }

            first = false;
            _json.Append(Quote(name)).Append(':');
            string? description = DescriptionAttribute(property) ?? (parameter is null ? null : DescriptionAttribute(parameter));
            Write(property.Type, NullabilityOf(property.Type), description, null, depth + 1);
        }

        _json.Append('}');
        if (required.Count > 0)
        {
            _json.Append(",\"required\":[").Append(string.Join(",", required.Select(Quote))).Append(']');
        }
    }

    /// <summary>The public instance properties System.Text.Json reads or writes, base types' included.</summary>
    private static IEnumerable<IPropertySymbol> JsonProperties(INamedTypeSymbol type)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object
             && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
        {
            foreach (IPropertySymbol property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.DeclaredAccessibility == Accessibility.Public && !property.IsStatic && !property.IsIndexer
                    && property.GetMethod is { DeclaredAccessibility: Accessibility.Public }
                    && !HasAttribute(property, "System.Text.Json.Serialization.JsonIgnoreAttribute", inherited: false)
                    && property.Name != "EqualityContract"
                    && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    /// <summary>The constructor System.Text.Json deserialises with: [JsonConstructor], else none if a public parameterless one exists, else the public one.</summary>
    private static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type)
    {
        IMethodSymbol[] constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length > 0).ToArray();
        IMethodSymbol? marked = constructors.FirstOrDefault(c => HasAttribute(c, "System.Text.Json.Serialization.JsonConstructorAttribute", inherited: false));
        if (marked is not null)
        {
            return marked;
        }

        IMethodSymbol[] visible = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(c, type)).ToArray();
        return visible.Any(c => c.Parameters.Length == 0) || type.IsValueType && visible.Length != 1 ? null : visible.FirstOrDefault();
    }

    private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    /// <summary>The name on the wire: [JsonPropertyName], else camelCase as System.Text.Json writes it.</summary>
    private static string PropertyName(IPropertySymbol property)
    {
        foreach (AttributeData attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonPropertyNameAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return CamelCase(property.Name);
    }

    /// <summary>JsonNamingPolicy.CamelCase's rule: the leading run of capitals goes lower case, except the last before a lower-case letter.</summary>
    internal static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            bool hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (char.IsSeparator(chars[i + 1]))
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>An enum's member names as the proxy's JsonStringEnumConverter writes them (camelCase unless renamed).</summary>
    internal static IEnumerable<string> EnumWireNames(INamedTypeSymbol enumType)
    {
        foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
        {
            yield return EnumWireName(field);
        }
    }

    internal static string EnumWireName(IFieldSymbol field)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return CamelCase(field.Name);
    }

    private static (string Type, string? Format)? Simple(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Char:
                return ("string", null);
            case SpecialType.System_Boolean:
                return ("boolean", null);
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                return ("integer", null);
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                return ("number", null);
            case SpecialType.System_DateTime:
                return ("string", "date-time");
        }

        if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
        {
            return ("string", null); // base64
        }

        return type.ToDisplayString() switch
        {
            "System.DateTimeOffset" => ("string", "date-time"),
            "System.DateOnly" => ("string", "date"),
            "System.TimeOnly" => ("string", "time"),
            "System.TimeSpan" => ("string", null),
            "System.Guid" => ("string", "uuid"),
            "System.Uri" => ("string", "uri"),
            "System.Int128" or "System.UInt128" => ("integer", null),
            "System.Half" => ("number", null),
            _ => null,
        };
    }

    private static bool IsAny(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Object
        || type.ToDisplayString() is "System.Text.Json.JsonElement" or "System.Text.Json.JsonDocument"
        || InheritsFromOrIs(type, "System.Text.Json.Nodes.JsonNode");

    private static bool InheritsFromOrIs(ITypeSymbol type, string fullName)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == fullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>TValue of a dictionary keyed by strings (or anything System.Text.Json writes as a property name).</summary>
    private static ITypeSymbol? DictionaryValueType(ITypeSymbol type)
    {
        foreach (INamedTypeSymbol candidate in SelfAndInterfaces(type))
        {
            string definition = candidate.OriginalDefinition.ToDisplayString();
            if (definition is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")
            {
                return candidate.TypeArguments[1];
            }
        }

        return null;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        return SelfAndInterfaces(type)
            .FirstOrDefault(candidate => candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            ?.TypeArguments[0];
    }

    private static IEnumerable<INamedTypeSymbol> SelfAndInterfaces(ITypeSymbol type) =>
        (type is INamedTypeSymbol named ? new[] { named } : System.Array.Empty<INamedTypeSymbol>()).Concat(type.AllInterfaces);

    internal static bool NullabilityOf(ITypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
        || (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);

    internal static string? DescriptionAttribute(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute"
                && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text)
            {
                return text;
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, string fullName, bool inherited) =>
        symbol.GetAttributes().Any(a => inherited ? a.AttributeClass is { } c && InheritsFromOrIs(c, fullName) : a.AttributeClass?.ToDisplayString() == fullName);

    /// <summary>A JSON string literal.</summary>
    internal static string Quote(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        return json.Append('"').ToString();
    }
}
