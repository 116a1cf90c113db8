using System;
using System.IO;

namespace McpSdk.Tests.Peers;

/// <summary>Finds the pinned npm reference servers that <c>./test.sh</c> installs under <c>tests/peers</c>.</summary>
internal static class PeerServers
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The stdio endpoint of <c>@modelcontextprotocol/server-everything</c>.</summary>
    public static McpEndpoint ServerEverythingStdio()
    {
        string script = Path.Combine(RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"The pinned reference server is not installed ({script} is missing). Run ./test.sh, or 'npm ci --prefix tests/peers', first.");
        }

        return McpEndpoint.Stdio("node", script, "stdio");
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
