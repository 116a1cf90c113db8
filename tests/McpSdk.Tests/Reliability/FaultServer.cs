using System;
using System.Collections.Generic;
using System.IO;
using McpSdk.Tests.Peers;
using Xunit;

namespace McpSdk.Tests.Reliability;

/// <summary>tests/McpSdk.FaultServer: over stdio one process per session; over Streamable HTTP one process for all.</summary>
internal static class FaultServer
{
    /// <summary>The built server, next to this test assembly's configuration: bin/&lt;Configuration&gt;/net10.0.</summary>
    public static string Path
    {
        get
        {
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            string server = System.IO.Path.Combine(PeerServers.RepositoryRoot, "tests", "McpSdk.FaultServer", "bin", configuration, "net10.0", "FaultServer.dll");
            Assert.True(File.Exists(server), $"The fault server was not built at {server}.");
            return server;
        }
    }

    /// <summary>
    /// A stdio endpoint whose processes carry <paramref name="marker"/> (see <see cref="ServerProcesses"/>); with
    /// <paramref name="protocol"/>, how they open sessions (the fault server's <c>FAULT_SERVER_PROTOCOL</c>).
    /// </summary>
    public static McpEndpoint Endpoint(string marker, int extraTools = 0, string? protocol = null)
    {
        var environment = new Dictionary<string, string?> { ["MCPSDK_TEST_MARKER"] = marker };
        if (protocol is not null)
        {
            environment["FAULT_SERVER_PROTOCOL"] = protocol;
        }

        if (extraTools > 0)
        {
            environment["FAULT_SERVER_EXTRA_TOOLS"] = extraTools.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return McpEndpoint.Stdio("dotnet", [Path], environment, workingDirectory: null);
    }
}
