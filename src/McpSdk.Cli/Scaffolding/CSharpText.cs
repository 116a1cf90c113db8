using System.Globalization;
using System.Text;

namespace McpSdk.Cli.Scaffolding;

/// <summary>Text from a server (names, descriptions) made safe to put in C# source.</summary>
internal static class CSharpText
{
    /// <summary>A regular C# string literal, quotes included.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Text for an XML doc comment: markup characters escaped, control characters dropped, and line breaks kept as
    /// separate lines (the caller prefixes each with <c>///</c>).
    /// </summary>
    public static string[] XmlLines(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.ReplaceLineEndings("\n"))
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '\n': builder.Append('\n'); break;
                case '\t': builder.Append(' '); break;
                default:
                    if (!char.IsControl(c) && c is not ('\u2028' or '\u2029' or '\u0085'))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        string[] lines = builder.ToString().Trim().Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = lines[i].TrimEnd();
        }

        return lines;
    }

    /// <summary>An inline code element for doc comments: <c>&lt;c&gt;text&lt;/c&gt;</c> with the text escaped.</summary>
    public static string Code(string text) => "<c>" + string.Join(" ", XmlLines(text)) + "</c>";

    /// <summary>Escaped text on one line.</summary>
    public static string Inline(string text) => string.Join(" ", XmlLines(text));
}
