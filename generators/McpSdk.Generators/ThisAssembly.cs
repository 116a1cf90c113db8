namespace McpSdk.Generators;

/// <summary>The generator's version, written into [GeneratedCode] attributes.</summary>
internal static class ThisAssembly
{
    public static string Version { get; } = typeof(ThisAssembly).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
}
