using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace McpSdk.Cli.Tests.Readme;

/// <summary>
/// One <c>```csharp</c> block of a Markdown file. A block is a whole <c>Program.cs</c> unless the line before its
/// opening fence is <c>&lt;!-- fragment --&gt;</c>: then it is statements that assume a context (see
/// <see cref="ReadmeCompilation"/>), as a snippet in prose does.
/// </summary>
/// <param name="File">The Markdown file, relative to the repository root.</param>
/// <param name="Line">The line of the opening fence (1-based).</param>
/// <param name="Code">The code between the fences.</param>
/// <param name="IsFragment">Whether the block was marked as a fragment.</param>
internal sealed record MarkdownCodeBlock(string File, int Line, string Code, bool IsFragment)
{
    public const string FragmentMarker = "<!-- fragment -->";

    public override string ToString() => $"{File}:{Line}";

    /// <summary>Every <c>```csharp</c> block of <paramref name="path"/>, in order.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> Read(string repositoryRoot, string path)
    {
        string[] lines = System.IO.File.ReadAllLines(Path.Combine(repositoryRoot, path));
        var blocks = new List<MarkdownCodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            int opening = i;
            bool fragment = PreviousNonEmpty(lines, opening) == FragmentMarker;
            var code = new StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                code.Append(lines[i]).Append('\n');
            }

            if (i == lines.Length)
            {
                throw new InvalidOperationException($"{path}:{opening + 1}: the ```csharp block is never closed.");
            }

            blocks.Add(new MarkdownCodeBlock(path, opening + 1, code.ToString(), fragment));
        }

        return blocks;
    }

    private static string? PreviousNonEmpty(string[] lines, int index)
    {
        for (int i = index - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length > 0)
            {
                return lines[i].Trim();
            }
        }

        return null;
    }
}
