using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using McpSdk.Invocation;

namespace McpSdk.Cli.Checking;

/// <summary>Reads the tool methods of an interface from a compiled assembly, without running any of its code.</summary>
internal static class CompiledInterfaceReader
{
    private const string ToolAttribute = "McpSdk.McpToolAttribute";
    private const string ArgumentAttribute = "McpSdk.McpArgumentAttribute";

    /// <exception cref="CheckSetupException">The assembly or the interface cannot be found or read.</exception>
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

            var tools = new List<ToolMethod>();
            foreach (Type declaring in type.GetInterfaces().Prepend(type))
            {
                foreach (MethodInfo method in declaring.GetMethods())
                {
                    CustomAttributeData? tool = method.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == ToolAttribute);
                    if (tool?.ConstructorArguments is [{ Value: string toolName }])
                    {
                        tools.Add(new ToolMethod(toolName, $"{declaring.Name}.{method.Name}", policy: null, Arguments(method)));
                    }
                }
            }

            return tools;
        }
        catch (Exception failure) when (failure is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException)
        {
            throw new CheckSetupException($"Could not read '{interfaceName}' from '{path}': {failure.Message}");
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The arguments the method sends, as the generated proxy declares them: wire name and serialised type.</summary>
    private static ToolArgument[] Arguments(MethodInfo method) =>
        method.GetParameters()
            .Where(p => p.ParameterType.FullName != "System.Threading.CancellationToken"
                && !(p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition().FullName == "System.IProgress`1"))
            .Select(p => new ToolArgument(
                p.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == ArgumentAttribute)?.ConstructorArguments is [{ Value: string wire }] ? wire : p.Name!,
                Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .ToArray();

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
