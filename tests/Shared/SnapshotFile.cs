using System;
using System.IO;
using Xunit.Sdk;

namespace McpSdk.Testing;

/// <summary>
/// Compares text with a baseline file (<c>*.verified.cs</c>), shared by the test projects that snapshot generated code.
/// Set <c>MCPSDK_UPDATE_SNAPSHOTS=1</c> to write the baselines from the current output instead. On a difference the
/// output goes to <c>*.received.cs</c> next to the baseline, for a diff.
/// </summary>
internal static class SnapshotFile
{
    public const string UpdateVariable = "MCPSDK_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string Normalize(string text) => text.ReplaceLineEndings("\n");

    public static void Verify(string actual, string verifiedPath)
    {
        string directory = Path.GetDirectoryName(verifiedPath)!;
        string received = Path.Combine(directory, Path.GetFileName(verifiedPath).Replace(".verified.", ".received.", StringComparison.Ordinal));
        actual = Normalize(actual);

        if (Updating)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual);
            File.Delete(received);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(received, actual);
            throw new XunitException(
                $"No baseline '{verifiedPath}'. The output was written to '{received}'; read it, then accept it by renaming it " +
                $"to '{Path.GetFileName(verifiedPath)}' or by running the tests with {UpdateVariable}=1.");
        }

        string expected = Normalize(File.ReadAllText(verifiedPath));
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
            throw new XunitException(
                $"The output differs from '{verifiedPath}' (first difference at line {FirstDifferentLine(expected, actual)}). " +
                $"It was written to '{received}'; diff the two, and if the change is intended accept it by running the " +
                $"tests with {UpdateVariable}=1.");
        }

        File.Delete(received);
    }

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
