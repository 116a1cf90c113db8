using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using McpSdk.Testing;

namespace McpSdk.Generators.Tests;

/// <summary>
/// Runs an <see cref="McpGeneratorTest"/> whose expected generated files are the baselines
/// <c>Snapshots/{test name}#{hint name without .cs}.verified.cs</c> beside the calling test's source file, one per file
/// the generator writes: the library then fails on a missing, extra or different file as on any unexpected
/// diagnostic. With <c>MCPSDK_UPDATE_SNAPSHOTS=1</c> the test's baselines are rewritten from the output instead
/// (diagnostics are still checked); on a difference the output goes to <c>*.received.cs</c> for a diff.
/// </summary>
internal static class Snapshot
{
    private const string Suffix = ".verified.cs";

    /// <summary>Runs <paramref name="test"/> against the baselines and returns the verified files by hint name.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> VerifyAsync(
        McpGeneratorTest test, [CallerMemberName] string name = "", [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        string[] baselines = Directory.Exists(directory) ? Directory.GetFiles(directory, name + "#*" + Suffix) : [];

        if (SnapshotFile.Updating)
        {
            test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
            await test.RunAsync();
            Array.ForEach(baselines, File.Delete);
            foreach ((string hintName, string text) in test.GeneratedSources)
            {
                File.WriteAllText(PathOf(directory, name, hintName, Suffix), text);
            }

            return test.GeneratedSources;
        }

        if (baselines.Length == 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"No baseline '{name}#*{Suffix}' in '{directory}'. Run the tests with {SnapshotFile.UpdateVariable}=1 to write one " +
                "per generated file, and read them before committing.");
        }

        var expected = baselines.ToDictionary(
            path => Path.GetFileName(path)[(name.Length + 1)..^Suffix.Length] + ".cs",
            path => SnapshotFile.Normalize(File.ReadAllText(path)),
            StringComparer.Ordinal);
        foreach ((string hintName, string text) in expected)
        {
            test.ExpectGenerated(hintName, text);
        }

        try
        {
            await test.RunAsync();
        }
        catch (Exception)
        {
            await WriteReceivedAsync(test, directory, name, expected);
            throw;
        }

        return expected;
    }

    /// <summary>Writes each generated file that differs from its baseline to <c>*.received.cs</c>, for a diff.</summary>
    private static async Task WriteReceivedAsync(McpGeneratorTest test, string directory, string name, IReadOnlyDictionary<string, string> expected)
    {
        // A generated-files mismatch fails before the library compiles the output, so the output is read by a second
        // run that skips the comparison; if that run fails too, the original failure is the one to report.
        test.TestState.GeneratedSources.Clear();
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        try
        {
            await test.RunAsync();
        }
        catch (Exception) when (test.Output is not null)
        {
        }
        catch (Exception)
        {
            return;
        }

        foreach ((string hintName, string text) in test.GeneratedSources)
        {
            if (!expected.TryGetValue(hintName, out string? baseline) || baseline != text)
            {
                File.WriteAllText(PathOf(directory, name, hintName, ".received.cs"), text);
            }
        }
    }

    private static string PathOf(string directory, string name, string hintName, string suffix) =>
        Path.Combine(directory, $"{name}#{Path.GetFileNameWithoutExtension(hintName)}{suffix}");
}
