using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using StackExchange.Redis;

namespace McpSdk.Fleet;

/// <summary>
/// One tool's fleet concurrency slots: a Redis sorted set of slot ids scored by the moment their lease ends. Taking a
/// slot is one script (drop expired leases, count, add), returning it another (<c>ZREM</c>, and <c>PUBLISH</c> to wake
/// the replicas waiting for one: <see cref="FleetReleases"/>); the holder renews its live slots
/// every third of the lease in one script for all of them, so only a holder that stopped (a crashed or frozen process)
/// loses its slots, and those come back within <see cref="McpFleetOptions.SlotLease"/>.
/// </summary>
/// <remarks>
/// Not RedisRateLimiting's <c>RedisConcurrencyRateLimiter</c>: its slots expire a fixed 60 s after they were taken, by the
/// taking process's clock, and are never renewed, so a dead replica's slots come back only after a minute, a call
/// running longer than a minute silently loses its slot (the fleet then exceeds its limit), and clock skew between
/// machines moves both. Here the lease is configured, renewed, and read on Redis's own clock (<c>TIME</c>).
/// </remarks>
internal sealed class FleetSlots : IDisposable
{
    // KEYS[1] the set; ARGV[1] the limit, ARGV[2] the lease in ms, ARGV[3] the slot id. 1 when taken.
    private const string TakeScript = RedisClock.Prologue + """

        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    // KEYS[1] the set; ARGV[1] the lease in ms, ARGV[2..] the slot ids still held. Only slots still there are renewed.
    private const string RenewScript = RedisClock.Prologue + """

        local renewed = 0
        for i = 2, #ARGV do
          renewed = renewed + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i])
        end
        if renewed > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return renewed
        """;

    // KEYS[1] the set; ARGV[1] the slot id, ARGV[2] the channel of FleetReleases. Wakes other replicas' waiters.
    private const string ReturnScript = """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then redis.call('PUBLISH', ARGV[2], '') end
        return 0
        """;

    private static readonly string s_process = Guid.NewGuid().ToString("N")[..12];
    private static long s_next;

    private readonly RedisKey _key;
    private readonly RedisValue _leaseMilliseconds;
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private readonly Func<ValueTask<IDatabase>> _database;
    private readonly ITimer _renewal;
    private int _limit;

    public FleetSlots(string key, int limit, TimeSpan lease, Func<ValueTask<IDatabase>> database, TimeProvider timeProvider)
    {
        _key = key;
        _limit = limit;
        _leaseMilliseconds = (long)lease.TotalMilliseconds;
        _database = database;
        Releases = new FleetReleases(key + ":released", database);
        _renewal = timeProvider.CreateTimer(static state => ((FleetSlots)state!).Renew(), this, lease / 3, lease / 3);
        LiveResourceCounters.TimerCreated();
    }

    public int Limit => Volatile.Read(ref _limit);

    /// <summary>Returns of this tool's slots by any replica, as heard on Redis pub/sub.</summary>
    public FleetReleases Releases { get; }

    /// <summary>Lowers the limit (a stricter declaration); the next take on any replica counts against it.</summary>
    public void Tighten(int limit)
    {
        int current;
        while (limit < (current = Volatile.Read(ref _limit)) && Interlocked.CompareExchange(ref _limit, limit, current) != current)
        {
        }
    }

    /// <summary>A new slot id, unique across the fleet (process tag and counter).</summary>
    public static string NewId() => s_process + ":" + Interlocked.Increment(ref s_next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Takes a slot for <paramref name="id"/> if fewer than the limit are leased; one round trip.</summary>
    public async Task<bool> TryTakeAsync(string id)
    {
        IDatabase database = await _database().ConfigureAwait(false);
        RedisResult taken = await database.ScriptEvaluateAsync(TakeScript, [_key], [Limit, _leaseMilliseconds, id]).ConfigureAwait(false);
        if ((int)taken != 1)
        {
            return false;
        }

        _held[id] = 0;
        return true;
    }

    /// <summary>
    /// Gives the slot back: one script (<c>ZREM</c>, and a <c>PUBLISH</c> that wakes waiting replicas), not awaited; if
    /// Redis is gone the lease simply ends.
    /// </summary>
    public void Return(string id)
    {
        _held.TryRemove(id, out _);
        ValueTask<IDatabase> database = _database();
        if (!database.IsCompletedSuccessfully)
        {
            return; // never connected: the slot was never taken in Redis either
        }

        try
        {
            database.Result.ScriptEvaluate(ReturnScript, [_key], [id, Releases.Channel], CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Unreachable: the slot's lease ends on its own within SlotLease.
        }
    }

    public void Dispose()
    {
        Releases.Dispose();
        _renewal.Dispose();
        LiveResourceCounters.TimerDisposed();
    }

    private void Renew()
    {
        if (_held.IsEmpty)
        {
            return;
        }

        ValueTask<IDatabase> database = _database();
        if (!database.IsCompletedSuccessfully)
        {
            return;
        }

        var arguments = new System.Collections.Generic.List<RedisValue>(_held.Count + 1) { _leaseMilliseconds };
        foreach (string id in _held.Keys)
        {
            arguments.Add(id);
        }

        try
        {
            // Fire and forget: a renewal lost to an outage only shortens leases that the outage ends anyway.
            database.Result.ScriptEvaluate(RenewScript, [_key], [.. arguments], CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
        }
    }
}
