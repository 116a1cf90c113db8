using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpSdk.Cli.Tests.Readme;

/// <summary>Every C# block of the README and of the docs it links compiles as a reader would paste it.</summary>
public sealed class ReadmeCodeTests
{
    public static TheoryData<string> DocumentedFiles => [
        "README.md", "docs/AUTHORIZATION.md", "docs/SCHEDULING.md", "docs/CONFIGURATION.md", "docs/FLEET.md", "docs/AGENTS.md", "docs/TASKS.md",
        "docs/CONNECTIONS.md",
    ];

    [Theory]
    [MemberData(nameof(DocumentedFiles))]
    public void Every_csharp_block_compiles_as_a_reader_would_paste_it(string file)
    {
        IReadOnlyList<MarkdownCodeBlock> wholePrograms = MarkdownCodeBlock.Read(PeerServers.RepositoryRoot, "README.md")
            .Where(block => !block.IsFragment).ToList();

        foreach (MarkdownCodeBlock block in MarkdownCodeBlock.Read(PeerServers.RepositoryRoot, file))
        {
            (Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics) = ReadmeCompilation.Compile(block, wholePrograms);
            Assert.True(generatorDiagnostics.IsEmpty, $"{block}: generator diagnostics:\n" + string.Join("\n", generatorDiagnostics));
            ScaffoldCompiler.AssertNoWarnings(output, block.ToString());
        }
    }

    [Fact]
    public void The_readme_opens_with_a_whole_program_that_uses_a_generated_client()
    {
        MarkdownCodeBlock headline = MarkdownCodeBlock.Read(PeerServers.RepositoryRoot, "README.md")[0];

        Assert.False(headline.IsFragment);
        Assert.Contains("[McpClient]", headline.Code, System.StringComparison.Ordinal);
        Assert.Contains("CreateClient<", headline.Code, System.StringComparison.Ordinal);
    }
}
