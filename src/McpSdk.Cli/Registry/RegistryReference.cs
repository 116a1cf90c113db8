using System;

namespace McpSdk.Cli.Registry;

/// <summary>A server in the registry as the command line names it: <c>name[@version]</c>; no version means the latest.</summary>
internal sealed record RegistryReference(string Name, string? Version)
{
    /// <summary>The version the registry's API takes for "the newest one".</summary>
    public const string Latest = "latest";

    /// <summary>Reads <c>io.github.user/server</c> or <c>io.github.user/server@1.2.0</c>; null when it is not a server name.</summary>
    public static RegistryReference? TryParse(string text)
    {
        // Server names never contain '@' (reverse-DNS namespace, one slash, then [a-zA-Z0-9._-]).
        int at = text.LastIndexOf('@');
        string name = at < 0 ? text : text[..at];
        string? version = at < 0 ? null : text[(at + 1)..];
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == name.Length - 1 || name.IndexOf('/', slash + 1) >= 0 || version is { Length: 0 })
        {
            return null;
        }

        return new RegistryReference(name, version);
    }

    public override string ToString() => Version is null ? Name : $"{Name}@{Version}";
}
