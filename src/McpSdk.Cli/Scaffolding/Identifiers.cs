using System;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Humanizer;

namespace McpSdk.Cli.Scaffolding;

/// <summary>Turns wire names (<c>get-sum</c>, <c>entity_names</c>, <c>New York</c>) into valid C# identifiers.</summary>
internal static class Identifiers
{
    // C#'s reserved keywords: as identifiers they need '@'. Contextual keywords are valid identifiers as they are.
    private static readonly FrozenSet<string> s_keywords = FrozenSet.ToFrozenSet(
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint",
        "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ], StringComparer.Ordinal);

    /// <summary>
    /// PascalCase from the words of <paramref name="wire"/> (split at anything that is not a letter or digit);
    /// a word in capitals becomes a capitalised word (<c>URL</c> → <c>Url</c>). Never empty, never starts with a digit.
    /// </summary>
    public static string Pascal(string wire, string fallback = "Value")
    {
        var builder = new StringBuilder(wire.Length);
        int start = -1;
        for (int i = 0; i <= wire.Length; i++)
        {
            bool inWord = i < wire.Length && IsWordChar(wire[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                AppendWord(builder, wire.AsSpan(start, i - start));
                start = -1;
            }
        }

        if (builder.Length == 0)
        {
            return fallback;
        }

        return char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary>camelCase of <see cref="Pascal"/>, not yet escaped (see <see cref="Escape"/>).</summary>
    public static string Camel(string wire, string fallback = "value") =>
        JsonNamingPolicy.CamelCase.ConvertName(Pascal(wire, Pascal(fallback)));

    /// <summary><paramref name="name"/> with '@' in front when it is a reserved keyword.</summary>
    public static string Escape(string name) => s_keywords.Contains(name) ? "@" + name : name;

    /// <summary>Whether <paramref name="text"/> is usable as an identifier as it is (a keyword only with '@').</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!IsWordChar(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="text"/> is a dotted list of identifiers, as a namespace is.</summary>
    public static bool IsQualifiedName(string text)
    {
        foreach (string part in text.Split('.'))
        {
            if (!IsIdentifier(part) || s_keywords.Contains(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The singular of a PascalCase plural (<c>Entities</c> → <c>Entity</c>, <c>Branches</c> → <c>Branch</c>), by
    /// Humanizer's English inflector; a word that is not plural gets <c>Item</c> after it.
    /// </summary>
    public static string ItemName(string pascalPlural)
    {
        string singular = pascalPlural.Singularize(inputIsKnownToBePlural: false);
        return singular.Length > 0 && !singular.Equals(pascalPlural, StringComparison.Ordinal) ? singular : pascalPlural + "Item";
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static void AppendWord(StringBuilder builder, ReadOnlySpan<char> word)
    {
        bool allUpper = word.Length > 1;
        foreach (char c in word)
        {
            if (char.IsLower(c))
            {
                allUpper = false;
                break;
            }
        }

        builder.Append(char.ToUpperInvariant(word[0]));
        for (int i = 1; i < word.Length; i++)
        {
            builder.Append(allUpper ? char.ToLowerInvariant(word[i]) : word[i]);
        }
    }
}
