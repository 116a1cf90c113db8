using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using McpSdk.Generators.Common;
using McpSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace McpSdk.Generators;

/// <summary>What the AI functions need beyond the proxy: descriptions, argument schemas, defaults, the extension class.</summary>
internal sealed partial class Parser
{
    private FunctionsSpec? ParseFunctions(INamedTypeSymbol symbol, string? ns, string typeChain)
    {
        if (_known.McpAIFunction is null)
        {
            return null; // An older runtime, or no Microsoft.Extensions.AI: the proxy alone.
        }

        bool isPublic = true;
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            isPublic &= type.DeclaredAccessibility == Accessibility.Public;
        }

        string name = ProxyName(symbol);
        return new FunctionsSpec(
            name.Substring(0, name.Length - "Proxy".Length) + "AIFunctionExtensions",
            (ns is null ? string.Empty : ns + ".") + typeChain + ".AIFunctions.g.cs",
            isPublic);
    }

    /// <summary>The method's description for the model: [Description], else its XML doc summary.</summary>
    private static string? Description(IMethodSymbol method, out DocComment docs)
    {
        docs = DocComment.Of(method);
        return JsonSchemaWriter.DescriptionAttribute(method) ?? docs.Summary;
    }

    /// <summary>The arguments' schema: one property per argument (by wire name); required unless nullable or defaulted.</summary>
    private static string ArgumentsSchema(IMethodSymbol method, ImmutableEquatableArray<ParameterSpec> parameters, DocComment docs)
    {
        var properties = new List<KeyValuePair<string, string>>();
        var required = new List<string>();
        for (int i = 0; i < parameters.Count; i++)
        {
            ParameterSpec spec = parameters[i];
            if (spec.Kind != ParameterKind.Argument)
            {
                continue;
            }

            IParameterSymbol parameter = method.Parameters[i];
            bool nullable = spec.Omission != ArgumentOmission.Never;
            string? description = JsonSchemaWriter.DescriptionAttribute(parameter) ?? docs.Parameter(parameter.Name);
            properties.Add(new KeyValuePair<string, string>(
                spec.WireName, JsonSchemaWriter.Of(parameter.Type, nullable, description, DefaultJson(parameter))));
            if (!nullable && !parameter.HasExplicitDefaultValue)
            {
                required.Add(spec.WireName);
            }
        }

        return JsonSchemaWriter.Object(properties, required);
    }

    /// <summary>The parameter's default as JSON, for the schema; <see langword="null"/> for none or null.</summary>
    private static string? DefaultJson(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is not { } value)
        {
            return null;
        }

        ITypeSymbol type = Unwrapped(parameter.Type);
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            IFieldSymbol? member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            return member is null || enumType.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonConverterAttribute")
                ? null
                : JsonSchemaWriter.Quote(JsonSchemaWriter.EnumWireName(member));
        }

        return value switch
        {
            string text => JsonSchemaWriter.Quote(text),
            char c => JsonSchemaWriter.Quote(c.ToString()),
            bool flag => flag ? "true" : "false",
            double d when double.IsNaN(d) || double.IsInfinity(d) => null,
            float f when float.IsNaN(f) || float.IsInfinity(f) => null,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>The parameter's default as a C# expression of its type, for a function called without the argument.</summary>
    private static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        ITypeSymbol type = Unwrapped(parameter.Type);
        if (parameter.ExplicitDefaultValue is not { } value)
        {
            return parameter.Type.IsValueType && parameter.Type.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T ? "default" : "null";
        }

        string literal = value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool flag => flag ? "true" : "false",
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
            double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
            float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => "default",
        };
        return $"({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({literal})";
    }

    private static ITypeSymbol Unwrapped(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>A method's XML documentation: its summary and its parameters' descriptions, as plain text.</summary>
    private sealed class DocComment
    {
        private static readonly DocComment s_none = new(null, new Dictionary<string, string>());
        private readonly Dictionary<string, string> _parameters;

        private DocComment(string? summary, Dictionary<string, string> parameters)
        {
            Summary = summary;
            _parameters = parameters;
        }

        public string? Summary { get; }

        public string? Parameter(string name) => _parameters.TryGetValue(name, out string? text) ? text : null;

        public static DocComment Of(IMethodSymbol method)
        {
            string xml = method.GetDocumentationCommentXml() ?? string.Empty;
            if (xml.Length == 0)
            {
                // Without GenerateDocumentationFile the compiler does not parse doc comments: read the /// lines.
                xml = FromTrivia(method);
            }

            if (xml.Length == 0)
            {
                return s_none;
            }

            XElement root;
            try
            {
                root = XElement.Parse(xml.TrimStart().StartsWith("<member", StringComparison.Ordinal) ? xml : "<doc>" + xml + "</doc>");
            }
            catch (XmlException)
            {
                return s_none;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (XElement parameter in root.Elements("param"))
            {
                if (parameter.Attribute("name")?.Value is { } name && Text(parameter) is { } text)
                {
                    parameters[name] = text;
                }
            }

            return new DocComment(root.Element("summary") is { } summary ? Text(summary) : null, parameters);
        }

        private static string FromTrivia(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not { } syntax)
            {
                return string.Empty;
            }

            var lines = new StringBuilder();
            foreach (SyntaxTrivia trivia in syntax.GetLeadingTrivia())
            {
                string text = trivia.ToFullString().Trim();
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && text.StartsWith("///", StringComparison.Ordinal))
                {
                    lines.Append(text.Substring(3)).Append('\n');
                }
            }

            return lines.ToString();
        }

        /// <summary>An element's text with references written as names and whitespace collapsed.</summary>
        private static string? Text(XElement element)
        {
            var text = new StringBuilder();
            Append(element, text);
            string collapsed = string.Join(" ", text.ToString().Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));
            return collapsed.Length == 0 ? null : collapsed;
        }

        private static void Append(XElement element, StringBuilder text)
        {
            foreach (XNode node in element.Nodes())
            {
                switch (node)
                {
                    case XText plain:
                        text.Append(plain.Value);
                        break;
                    case XElement { Name.LocalName: "see" or "seealso" } reference:
                        string? target = reference.Attribute("langword")?.Value ?? reference.Attribute("cref")?.Value;
                        text.Append(reference.Value.Length > 0 ? reference.Value : ShortName(target));
                        break;
                    case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                        text.Append(reference.Attribute("name")?.Value);
                        break;
                    case XElement inner:
                        Append(inner, text);
                        break;
                }
            }
        }

        /// <summary><c>T:System.Threading.CancellationToken</c> → <c>CancellationToken</c>.</summary>
        private static string ShortName(string? cref)
        {
            if (cref is null)
            {
                return string.Empty;
            }

            string name = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
            int paren = name.IndexOf('(');
            if (paren >= 0)
            {
                name = name.Substring(0, paren);
            }

            return name.Substring(name.LastIndexOf('.') + 1);
        }
    }
}
