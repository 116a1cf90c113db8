using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace McpSdk.Tests.Peers;

/// <summary>
/// Finds the server processes one test started: each test gives its servers a unique environment marker, so tests
/// running in parallel never count each other's processes.
/// </summary>
internal sealed class ServerProcesses
{
    private const string MarkerVariable = "MCPSDK_TEST_MARKER";

    public string Marker { get; } = Guid.NewGuid().ToString("N");

    /// <summary>server-everything over stdio, each process carrying this test's marker.</summary>
    public McpEndpoint Endpoint()
    {
        string script = Path.Combine(PeerServers.RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        PeerServers.ServerEverythingStdio(); // fails clearly when the peer is not installed
        return McpEndpoint.Stdio("node", [script, "stdio"], new Dictionary<string, string?> { [MarkerVariable] = Marker }, workingDirectory: null);
    }

    /// <summary>The PIDs of this test's live server processes.</summary>
    public IReadOnlyList<int> Pids()
    {
        var pids = new List<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            try
            {
                string environment = File.ReadAllText(Path.Combine(directory, "environ"));
                string state = File.ReadAllText(Path.Combine(directory, "stat"));
                bool zombie = state.Split(')').Last().TrimStart().StartsWith('Z');
                if (!zombie && environment.Split('\0').Contains($"{MarkerVariable}={Marker}"))
                {
                    pids.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return pids;
    }
}
