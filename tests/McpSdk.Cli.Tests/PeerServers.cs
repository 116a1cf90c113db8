using System;
using System.IO;
using System.Text.Json.Nodes;

namespace McpSdk.Cli.Tests;

/// <summary>The pinned npm reference servers that <c>./test.sh</c> installs under <c>tests/peers</c>.</summary>
internal static class PeerServers
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The stdio command line of server-everything.</summary>
    public static string[] Everything() => ["node", Script("server-everything"), "stdio"];

    /// <summary>The stdio command line of server-memory (its knowledge graph file goes where <c>--env</c> says).</summary>
    public static string[] Memory() => ["node", Script("server-memory")];

    /// <summary>The stdio command line of server-filesystem, allowed into <paramref name="directory"/> only.</summary>
    public static string[] Filesystem(string directory) => ["node", Script("server-filesystem"), directory];

    /// <summary>tests/peers: npx started there finds the pinned servers in its node_modules without downloading them.</summary>
    public static string Directory => Path.Combine(RepositoryRoot, "tests", "peers");

    /// <summary>The version tests/peers/package.json pins for <c>@modelcontextprotocol/<paramref name="package"/></c>.</summary>
    public static string PinnedVersion(string package) =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "package.json")))!["dependencies"]!["@modelcontextprotocol/" + package]!;

    private static string Script(string package)
    {
        string script = Path.Combine(RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", package, "dist", "index.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"The pinned reference server is not installed ({script} is missing). Run ./test.sh, or 'npm ci --prefix tests/peers', first.");
        }

        return script;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "McpSdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"McpSdk.sln was not found above {AppContext.BaseDirectory}.");
    }
}
