using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using McpSdk.Invocation;

namespace McpSdk.Cli.Checking;

/// <summary>
/// Reads the tool methods of an interface from a compiled assembly: the <see cref="ToolMethod"/> descriptions its
/// generated proxy registered, so what is checked is exactly what the proxy sends. Loading runs the assembly's module
/// initializers, as the application does when it starts; they register the proxies.
/// </summary>
internal static class CompiledInterfaceReader
{
    /// <exception cref="CheckSetupException">The assembly or the interface cannot be found or read, or has no proxy.</exception>
    public static IReadOnlyList<ToolMethod> Read(string assemblyPath, string interfaceName)
    {
        string path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new CheckSetupException($"The assembly '{path}' does not exist.");
        }

        var context = new InspectionLoadContext(path);
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            Type type = assembly.GetType(interfaceName, throwOnError: false)
                ?? throw new CheckSetupException($"'{Path.GetFileName(path)}' has no type '{interfaceName}' (give the full name, with its namespace).");
            if (!type.IsInterface)
            {
                throw new CheckSetupException($"'{interfaceName}' is not an interface.");
            }

            return McpClientRegistry.GetToolMethods(type)
                ?? throw new CheckSetupException(
                    $"'{interfaceName}' in '{Path.GetFileName(path)}' has no generated MCP proxy, so there is nothing to check. Mark it " +
                    "[McpClient], build it with the McpSdk package (whose source generator writes the proxy) and fix any MCPSDK error the build reports.");
        }
        catch (Exception failure) when (failure is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException
            or MissingMethodException or TypeInitializationException)
        {
            throw new CheckSetupException(
                $"Could not read '{interfaceName}' from '{path}': {(failure.InnerException ?? failure).Message} Build it against the McpSdk version this tool carries " +
                $"({typeof(McpClientRegistry).Assembly.GetName().Version}).");
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// Loads the inspected assembly and its own dependencies beside it; the framework and what this tool already
    /// carries (McpSdk, the MCP SDK) come from the tool.
    /// </summary>
    private sealed class InspectionLoadContext(string path) : AssemblyLoadContext("mcpsdk-check", isCollectible: true)
    {
        private readonly string _directory = Path.GetDirectoryName(path)!;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (Default.Assemblies.Any(a => a.GetName().Name == assemblyName.Name) || IsPlatformAssembly(assemblyName.Name))
            {
                return null;
            }

            string candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        private static bool IsPlatformAssembly(string? name) =>
            name is not null && (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
                .Split(Path.PathSeparator)
                .Any(p => string.Equals(Path.GetFileNameWithoutExtension(p), name, StringComparison.OrdinalIgnoreCase));
    }
}
