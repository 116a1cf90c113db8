using System.IO;
using System.Runtime.CompilerServices;
using McpSdk.Testing;

namespace McpSdk.Cli.Tests;

/// <summary>Compares scaffolded text with <c>Snapshots/{name}.verified.cs</c> of this test project's source tree.</summary>
internal static class Snapshot
{
    public static bool Updating => SnapshotFile.Updating;

    /// <summary>The test project's directory in the source tree.</summary>
    public static string ProjectDirectory([CallerFilePath] string callerFile = "") => Path.GetDirectoryName(callerFile)!;

    public static string VerifiedPath(string name) => Path.Combine(ProjectDirectory(), "Snapshots", name + ".verified.cs");

    public static string Normalize(string text) => SnapshotFile.Normalize(text);

    public static void Verify(string actual, string name) => SnapshotFile.Verify(actual, VerifiedPath(name));
}
