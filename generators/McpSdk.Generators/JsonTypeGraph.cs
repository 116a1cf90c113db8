using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>The types a JSON value of a type is made of, the way System.Text.Json's generator walks them.</summary>
internal static class JsonTypeGraph
{
    /// <summary>How deep a walk goes: deeper object graphs are rare, and a self-referencing one must stop.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// The types directly inside <paramref name="type"/>: an array's element type, a generic type's arguments, and the
    /// public instance properties of the application's own classes and structs (base classes included).
    /// </summary>
    public static IEnumerable<ITypeSymbol> Parts(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            yield return array.ElementType;
            yield break;
        }

        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Enum)
        {
            yield break;
        }

        foreach (ITypeSymbol argument in named.TypeArguments)
        {
            yield return argument;
        }

        if (named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            yield break;
        }

        for (INamedTypeSymbol? current = named; current is not null && IsApplicationType(current); current = current.BaseType)
        {
            foreach (IPropertySymbol property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.DeclaredAccessibility == Accessibility.Public && !property.IsStatic && !property.IsIndexer)
                {
                    yield return property.Type;
                }
            }
        }
    }

    /// <summary>The framework's and the MCP SDK's types hold nothing of the application's.</summary>
    private static bool IsApplicationType(INamedTypeSymbol type)
    {
        string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return !ns.StartsWith("System", System.StringComparison.Ordinal)
            && !ns.StartsWith("Microsoft", System.StringComparison.Ordinal)
            && !ns.StartsWith("ModelContextProtocol", System.StringComparison.Ordinal);
    }
}
