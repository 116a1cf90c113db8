using System;
using System.IO;
using System.Linq;

namespace McpSdk.Cli.Registry;

/// <summary>Whether a program (npx, uvx, docker, dnx) can be started by name, as a child process would find it on PATH.</summary>
internal static class ProgramLocator
{
    public static bool IsOnPath(string program)
    {
        string[] extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [string.Empty];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => extensions.Any(extension => File.Exists(Path.Combine(directory, program + extension))));
    }
}
