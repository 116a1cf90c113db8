using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using McpSdk.Scheduling;
using RedisRateLimiting;

namespace McpSdk.Fleet;

/// <summary>
/// A tool's fleet rate: RedisRateLimiting's <see cref="RedisSlidingWindowRateLimiter{TKey}"/> (one script per permit:
/// at most <see cref="RateLimitBound.Permits"/> starts in any window, across the fleet; key <c>rl:sw:{prefix:tool}</c>),
/// and the local share used while Redis is unreachable.
/// </summary>
/// <remarks>
/// A sliding window rather than the fixed one: a fixed window starts where the first caller happened to be, so a
/// server counting its own windows could see twice the limit across a boundary; the sliding window holds for every
/// window. Its timestamps come from each replica's clock, so clock skew between machines loosens it by the skew.
/// <para>Not under Native AOT: RedisRateLimiting passes its script parameters as anonymous objects, which
/// StackExchange.Redis maps with System.Linq.Expressions (trim and AOT warnings IL2026, IL2070, IL3050). The construction
/// is guarded by <see cref="RuntimeFeature.IsDynamicCodeSupported"/>, a constant the AOT compiler folds, so an AOT
/// application does not compile that code in, and binding a fleet-scoped rate there fails with
/// <see cref="PlatformNotSupportedException"/> (see <see cref="EnsureSupported"/>).</para>
/// </remarks>
internal sealed class FleetRate : IDisposable
{
    private readonly string _partition;
    private readonly FixedWindowRateLimiter _share;
    private RateLimiter? _limiter;

    public FleetRate(string partition, RateLimitBound bound, int share)
    {
        _partition = partition;
        Bound = bound;
        Share = share;
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

    /// <summary>The Redis limiter; made once the multiplexer exists (RedisRateLimiting asks for it when constructed).</summary>
    public ValueTask<RateLimiter> LimiterAsync(FleetLimits fleet)
    {
        if (Volatile.Read(ref _limiter) is { } limiter)
        {
            return new ValueTask<RateLimiter>(limiter);
        }

        // Checked here, in the caller of CreateAsync, so the AOT compiler folds it and never compiles CreateAsync in.
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            throw Unsupported(_partition);
        }

        return CreateAsync(fleet);
    }

    private async ValueTask<RateLimiter> CreateAsync(FleetLimits fleet)
    {
        StackExchange.Redis.IConnectionMultiplexer multiplexer = (await fleet.DatabaseAsync().ConfigureAwait(false)).Multiplexer;
        var created = new RedisSlidingWindowRateLimiter<string>(_partition, new RedisSlidingWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => multiplexer,
            PermitLimit = Bound.Permits,
            Window = Bound.Window,
        });
        return Interlocked.CompareExchange(ref _limiter, created, null) ?? created;
    }

    /// <summary>Fails where RedisRateLimiting cannot run: under Native AOT (no dynamic code).</summary>
    /// <exception cref="PlatformNotSupportedException">Dynamic code is not supported.</exception>
    public static void EnsureSupported(string what)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            throw Unsupported(what);
        }
    }

    private static PlatformNotSupportedException Unsupported(string what) => new(
        $"The fleet-scoped rate limit of '{what}' needs dynamic code, which Native AOT does not have: RedisRateLimiting's " +
        "scripts map their parameters with System.Linq.Expressions. Use a connection-scoped [RateLimit] in AOT applications " +
        "(fleet-scoped [MaxConcurrency] works there).");

    /// <summary>A permit of the local share: waits for it, or in Reject mode only takes one that is there.</summary>
    public async ValueTask<bool> TakeShareAsync(RateLimitMode mode, CancellationToken cancellationToken)
    {
        using RateLimitLease lease = mode == RateLimitMode.Reject
            ? _share.AttemptAcquire()
            : await _share.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _share.Dispose();
        Volatile.Read(ref _limiter)?.Dispose();
    }
}
