using System;

namespace McpSdk.Engine;

/// <summary>The protocol versions the lean engine speaks: those with the <c>initialize</c> handshake, oldest first.</summary>
internal static class LeanProtocol
{
    public static readonly string[] Versions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>The version a session asks for when none is pinned.</summary>
    public static string Newest => Versions[^1];

    public static bool Speaks(string? version) => version is not null && Array.IndexOf(Versions, version) >= 0;
}
