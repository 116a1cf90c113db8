using System.Globalization;

namespace McpSdk;

/// <summary>Counts in messages: "1 call", "4 calls".</summary>
internal static class Counted
{
    public static string Calls(long count) => count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " call" : " calls");
}
