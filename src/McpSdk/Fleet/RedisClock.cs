namespace McpSdk.Fleet;

/// <summary>
/// The start of every fleet script: the moment on Redis's own clock (<c>TIME</c>), so leases and rate windows are
/// measured where they are decided, never by a replica's clock or at the moment a replica sent the script.
/// </summary>
internal static class RedisClock
{
    /// <summary>
    /// Lua that defines <c>now_us</c> (microseconds since the epoch, exact in Lua's doubles) and <c>now</c> (milliseconds).
    /// Effects replication is asked for on Redis before 5, where a script may not write after reading TIME otherwise.
    /// </summary>
    public const string Prologue = """
        if redis.replicate_commands then redis.replicate_commands() end
        local t = redis.call('TIME')
        local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local now = math.floor(now_us / 1000)
        """;
}
