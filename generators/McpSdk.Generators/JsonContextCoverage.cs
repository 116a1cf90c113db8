using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>
/// Which types a proxy finds JSON metadata for without reflection: those McpSdk's own context covers, and those the
/// application's <c>[McpClient(JsonContext = …)]</c> declares with <c>[JsonSerializable]</c> or reaches from them
/// (element types, type arguments, public properties), as System.Text.Json's generator does.
/// </summary>
internal sealed class JsonContextCoverage
{
    /// <summary>McpSdk.Serialization.McpSdkJsonContext's types, as <see cref="SymbolDisplayFormat.FullyQualifiedFormat"/> writes them.</summary>
    private static readonly HashSet<string> s_builtIn = new(System.StringComparer.Ordinal)
    {
        "string", "bool", "byte", "short", "int", "long", "float", "double", "decimal",
        "global::System.Guid", "global::System.DateTime", "global::System.DateTimeOffset", "global::System.TimeSpan",
        "global::System.Uri", "global::System.Text.Json.JsonElement",
        "bool?", "byte?", "short?", "int?", "long?", "float?", "double?", "decimal?",
        "global::System.Guid?", "global::System.DateTime?", "global::System.DateTimeOffset?", "global::System.TimeSpan?",
        "global::System.Text.Json.JsonElement?",
        "string[]", "int[]", "long[]", "double[]",
        "global::System.Collections.Generic.List<string>",
        "global::System.Collections.Generic.Dictionary<string, string>",
        "global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>",
    };

    private readonly HashSet<ITypeSymbol> _reachable = new(SymbolEqualityComparer.Default);

    private JsonContextCoverage(INamedTypeSymbol context, INamedTypeSymbol? jsonSerializableAttribute)
    {
        foreach (AttributeData attribute in context.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, jsonSerializableAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is ITypeSymbol declared)
            {
                Reach(declared, depth: 0);
            }
        }
    }

    public static JsonContextCoverage Of(INamedTypeSymbol context, KnownTypes known) => new(context, known.JsonSerializableAttribute);

    /// <summary>Whether a proxy using this context finds metadata for <paramref name="type"/> without reflection.</summary>
    public bool Covers(ITypeSymbol type)
    {
        ITypeSymbol plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (s_builtIn.Contains(plain.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)) || _reachable.Contains(plain))
        {
            return true;
        }

        // The generator writes Nullable<T> metadata beside a value type's own.
        return plain is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && Covers(nullable.TypeArguments[0]);
    }

    private void Reach(ITypeSymbol type, int depth)
    {
        ITypeSymbol plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (depth > JsonTypeGraph.MaxDepth || !_reachable.Add(plain))
        {
            return;
        }

        foreach (ITypeSymbol part in JsonTypeGraph.Parts(plain))
        {
            Reach(part, depth + 1);
        }
    }
}
