using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace McpSdk.Tests.Fleet;

/// <summary>What a Redis served, from <c>INFO commandstats</c>: the tests' count of round trips, scripts and publishes.</summary>
internal static class RedisCommandStats
{
    /// <summary>Calls of <paramref name="commands"/> (e.g. <c>evalsha</c>) since start or the last <c>CONFIG RESETSTAT</c>.</summary>
    public static async Task<long> CallsAsync(IServer server, params string[] commands) => (await server.InfoAsync("commandstats"))
        .SelectMany(group => group)
        .Where(pair => commands.Any(command => pair.Key == "cmdstat_" + command))
        .Sum(pair => long.Parse(pair.Value.Split(',')[0].Split('=')[1], CultureInfo.InvariantCulture));
}
