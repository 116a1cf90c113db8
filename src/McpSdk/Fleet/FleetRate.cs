using System;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using McpSdk.Scheduling;
using StackExchange.Redis;

namespace McpSdk.Fleet;

/// <summary>
/// A tool's fleet rate: a sliding log in a Redis sorted set (key <c>{prefix}:{tool}:rate</c>) of the permits granted
/// in the last window, each scored by the moment Redis granted it (its own clock, microseconds). A permit is one
/// script: drop the grants that left the window, grant iff fewer than <see cref="RateLimitBound.Permits"/> remain, and
/// otherwise answer how long until one leaves, so a waiter asks again exactly then instead of polling. Also the local
/// share used while Redis is unreachable.
/// </summary>
/// <remarks>
/// At most N grants in any half-open window of Redis's clock, with nothing to tune: no replica clock is read, so neither
/// clock skew between machines nor the time a script spent on its way to Redis loosens it. (RedisRateLimiting's sliding
/// window, used before, stamped each grant with the replica's clock read before sending: a script delayed on a busy
/// machine was recorded earlier than it was granted and left the window early.) The log holds one entry per grant of
/// the last window, so its memory grows with the limit (up to N small entries).
/// <para>AOT-safe: a plain <c>EVAL</c> with positional keys and values (no <c>LuaScript</c>, whose named parameters
/// StackExchange.Redis maps with System.Linq.Expressions).</para>
/// </remarks>
internal sealed class FleetRate : IDisposable
{
    // KEYS[1] the log; ARGV[1] the limit, ARGV[2] the window in µs, ARGV[3] the grant's id. 0 when granted, else the µs
    // until enough grants leave the window for one more (at least 1: grants at or before now - window are gone).
    private const string TakeScript = RedisClock.Prologue + """

        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_us - window)
        local count = redis.call('ZCARD', KEYS[1])
        if count < limit then
          redis.call('ZADD', KEYS[1], now_us, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
          return 0
        end
        local edge = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return tonumber(edge[2]) + window - now_us
        """;

    // Covers the coarse clock .NET timers are driven by (CLOCK_MONOTONIC_COARSE on Linux, 1–4 ms per tick).
    private const int TimerSlackMilliseconds = 5;

    private readonly RedisKey _key;
    private readonly RedisValue _permits;
    private readonly RedisValue _windowMicroseconds;
    private readonly FixedWindowRateLimiter _share;

    public FleetRate(string key, RateLimitBound bound, int share)
    {
        _key = key;
        Bound = bound;
        Share = share;
        _permits = bound.Permits;
        _windowMicroseconds = (long)Math.Ceiling(bound.Window.TotalMicroseconds);
        _share = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = share,
            Window = bound.Window,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public RateLimitBound Bound { get; }

    /// <summary>Starts per window in this process while Redis is unreachable (FailOpen).</summary>
    public int Share { get; }

    /// <summary>
    /// Asks Redis for a permit; one round trip. <see cref="TimeSpan.Zero"/> when granted, otherwise how long until the
    /// fleet has one again (by Redis's clock; another replica may take it first).
    /// </summary>
    public async Task<TimeSpan> TryTakeAsync(Func<ValueTask<IDatabase>> databaseAsync)
    {
        IDatabase database = await databaseAsync().ConfigureAwait(false);
        RedisResult answer = await database.ScriptEvaluateAsync(TakeScript, [_key], [_permits, _windowMicroseconds, FleetSlots.NewId()]).ConfigureAwait(false);
        long wait = (long)answer;

        // Whole milliseconds plus the timers' slack: .NET timers run on a coarse clock (on Linux up to a few ms per tick)
        // and can fire that much early, and an ask before Redis's edge costs a refused round trip and another wait.
        return wait == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds((wait + 999) / 1000 + TimerSlackMilliseconds);
    }

    /// <summary>A permit of the local share: waits for it, or in Reject mode only takes one that is there.</summary>
    public async ValueTask<bool> TakeShareAsync(RateLimitMode mode, CancellationToken cancellationToken)
    {
        using RateLimitLease lease = mode == RateLimitMode.Reject
            ? _share.AttemptAcquire()
            : await _share.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired;
    }

    public void Dispose() => _share.Dispose();
}
