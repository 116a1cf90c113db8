using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace McpSdk.Generators.Common;

/// <summary>An indented text writer for generated C#: four spaces per level, '\n' line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indentation;

    public void WriteLine(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indentation * 4);
        }

        _builder.Append(text).Append('\n');
    }

    public void OpenBlock(string? header = null)
    {
        if (header is not null)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indentation++;
    }

    public void CloseBlock(string suffix = "")
    {
        if (_indentation == 0)
        {
            throw new InvalidOperationException("Unbalanced block.");
        }

        _indentation--;
        WriteLine("}" + suffix);
    }

    public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);

    public override string ToString() => _builder.ToString();
}
