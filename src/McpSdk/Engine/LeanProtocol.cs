using System;

namespace McpSdk.Engine;

/// <summary>
/// The protocol versions the lean engine speaks: those with the <c>initialize</c> handshake, oldest first, and the
/// stateless 2026-07-28 form (<c>server/discover</c>, per-request <c>_meta</c>, no HTTP session).
/// </summary>
internal static class LeanProtocol
{
    /// <summary>The versions with the <c>initialize</c> handshake, oldest first.</summary>
    public static readonly string[] Versions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>The stateless form: no handshake, every request states its version, client info and capabilities.</summary>
    public const string Stateless = "2026-07-28";

    /// <summary>The version a session asks for first when none is pinned (and the endpoint has not taught it another).</summary>
    public static string Newest => Versions[^1];

    public static bool Speaks(string? version) => IsStateless(version) || HasInitialize(version);

    /// <summary>Whether <paramref name="version"/> is one the lean engine opens with <c>initialize</c>.</summary>
    public static bool HasInitialize(string? version) => version is not null && Array.IndexOf(Versions, version) >= 0;

    public static bool IsStateless(string? version) => version == Stateless;
}
