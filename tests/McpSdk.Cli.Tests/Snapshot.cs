using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace McpSdk.Cli.Tests;

/// <summary>
/// Compares scaffolded text with a baseline in <c>Snapshots/{name}.verified.cs</c> of the source tree.
/// Set <c>MCPSDK_UPDATE_SNAPSHOTS=1</c> to write the baselines from the current output instead.
/// </summary>
internal static class Snapshot
{
    private const string UpdateVariable = "MCPSDK_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The test project's directory in the source tree.</summary>
    public static string ProjectDirectory([CallerFilePath] string callerFile = "") => Path.GetDirectoryName(callerFile)!;

    public static string VerifiedPath(string name) => Path.Combine(ProjectDirectory(), "Snapshots", name + ".verified.cs");

    public static void Verify(string actual, string name)
    {
        string verified = VerifiedPath(name);
        string received = Path.Combine(Path.GetDirectoryName(verified)!, name + ".received.cs");
        actual = Normalize(actual);

        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verified))
        {
            File.WriteAllText(received, actual);
            throw new XunitException(
                $"No baseline '{verified}'. The output was written to '{received}'; read it, then accept it by renaming it " +
                $"to '{Path.GetFileName(verified)}' or by running the tests with {UpdateVariable}=1.");
        }

        string expected = Normalize(File.ReadAllText(verified));
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            throw new XunitException(
                $"The output differs from '{verified}' (first difference at line {FirstDifferentLine(expected, actual)}). " +
                $"It was written to '{received}'; diff the two, and if the change is intended accept it by running the " +
                $"tests with {UpdateVariable}=1.");
        }

        File.Delete(received);
    }

    public static string Normalize(string text) => text.ReplaceLineEndings("\n");

    private static int FirstDifferentLine(string expected, string actual)
    {
        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        int common = Math.Min(expectedLines.Length, actualLines.Length);
        for (int i = 0; i < common; i++)
        {
            if (!string.Equals(expectedLines[i], actualLines[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return common + 1;
    }
}
