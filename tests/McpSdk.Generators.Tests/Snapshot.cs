using System.IO;
using System.Runtime.CompilerServices;
using McpSdk.Testing;

namespace McpSdk.Generators.Tests;

/// <summary>Compares generated text with <c>Snapshots/{test name}.verified.cs</c> beside the calling test's source file.</summary>
internal static class Snapshot
{
    public static void Verify(string actual, [CallerMemberName] string name = "", [CallerFilePath] string callerFile = "") =>
        SnapshotFile.Verify(actual, Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots", name + ".verified.cs"));
}
