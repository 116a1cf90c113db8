using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Tests.Peers;

/// <summary>A console program of this repository, run as a user runs it: built dll, separate process, output read back.</summary>
internal static class BuiltProgram
{
    /// <summary>The built <paramref name="dll"/> of <paramref name="project"/>; fails the test when it was not built.</summary>
    /// <param name="project">The project's folder, relative to the repository root, e.g. <c>samples/Everything</c>.</param>
    /// <param name="dll">The program's file name, e.g. <c>Everything.dll</c>.</param>
    public static string PathOf(string project, string dll)
    {
        // Programs build next to this test assembly's configuration: bin/<Configuration>/net10.0.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string program = Path.Combine(PeerServers.RepositoryRoot, project, "bin", configuration, "net10.0", dll);
        Assert.True(File.Exists(program), $"{dll} was not built at {program}.");
        return program;
    }

    /// <summary>Runs <paramref name="dll"/> from <paramref name="project"/>'s output; kills it if it outlives <paramref name="timeout"/>.</summary>
    /// <param name="project">The project's folder, relative to the repository root, e.g. <c>samples/Everything</c>.</param>
    /// <param name="dll">The program's file name, e.g. <c>Everything.dll</c>.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="arguments">Its command line.</param>
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string project, string dll, TimeSpan timeout, params string[] arguments) =>
        RunProcessAsync("dotnet", [PathOf(project, dll), .. arguments], timeout);

    /// <summary>Runs <paramref name="program"/> with an argument vector (no shell); kills it if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
