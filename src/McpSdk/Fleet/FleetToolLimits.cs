using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Invocation;
using McpSdk.Scheduling;

namespace McpSdk.Fleet;

/// <summary>
/// One tool's fleet-scoped limits in one connection: its slots (<see cref="FleetSlots"/>) and its rate
/// (<see cref="FleetRate"/>: at most N starts in any window of Redis's clock, fleet-wide), and the local shares used while
/// Redis is unreachable in FailOpen mode.
/// </summary>
/// <remarks>
/// A call reaches this only after the local scheduler admitted it, so the local priority order decides who asks Redis
/// first. A call that finds the fleet full joins a local line of this tool (FIFO, so the scheduler's order holds) in
/// which only the first asks Redis again: for a slot, when any replica returns one (<see cref="FleetReleases"/>) or
/// after <see cref="McpFleetOptions.PollInterval"/> at the latest; for a rate permit, when Redis said the next one frees up; a replica puts at most one poller per tool on Redis however many
/// calls wait. The slot is taken before the rate permit, so a start follows its
/// permit at once and starts never bunch behind a full set of slots. Every wait is bounded by the call's token.
/// </remarks>
internal sealed class FleetToolLimits : IDisposable
{
    private readonly FleetLimits _fleet;
    private readonly string _tool;
    private readonly string _key;
    private readonly ToolStatistics _statistics;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _line = new(1, 1);
    private readonly List<IDisposable> _retired = [];
    private int _inLine;

    // Set under _sync, read without it.
    private FleetSlots? _slots;
    private ConcurrencyLimiter? _slotShare;
    private FleetRate? _rate;

    public FleetToolLimits(FleetLimits fleet, string tool, ToolStatistics statistics)
    {
        _fleet = fleet;
        _tool = tool;
        _key = fleet.Name + ":" + tool;
        _statistics = statistics;
        _tags = [new("gen_ai.tool.name", tool), new("mcpsdk.fleet", fleet.Name)];
    }

    /// <summary>Applies <paramref name="policy"/>'s fleet-scoped limits where they are stricter than those in force.</summary>
    public void Configure(CallPolicy policy)
    {
        lock (_sync)
        {
            if (policy.MaxConcurrencyScope == McpLimitScope.Fleet && policy.MaxConcurrency is { } limit && (_slots is null || limit < _slots.Limit))
            {
                if (_slots is null)
                {
                    Volatile.Write(ref _slots, new FleetSlots(_key + ":slots", limit, _fleet.Options.SlotLease, _fleet.DatabaseAsync, _fleet.TimeProvider));
                }
                else
                {
                    _slots.Tighten(limit);
                }

                // The old share is left to its holders (their leases return to it) and disposed with the connection.
                if (_slotShare is not null)
                {
                    _retired.Add(_slotShare);
                }

                Volatile.Write(ref _slotShare, new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                {
                    PermitLimit = _fleet.Options.LocalShare(limit),
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            }

            if (policy.RateLimitScope == McpLimitScope.Fleet && policy.RateLimitPermits is { } permits)
            {
                var bound = new RateLimitBound(permits, policy.RateLimitWindow);
                if (_rate is null || bound.IsStricterThan(_rate.Bound))
                {
                    if (_rate is not null)
                    {
                        _retired.Add(_rate); // a call may be using it: disposed with the connection
                    }

                    Volatile.Write(ref _rate, new FleetRate(_key + ":rate", bound, _fleet.Options.LocalShare(permits)));
                }
            }
        }
    }

    /// <summary>
    /// Takes the call's fleet slot and rate permit from Redis, or, while Redis is unreachable, falls back as the
    /// fleet's <see cref="McpFleetOptions.FailureMode"/> says.
    /// </summary>
    /// <exception cref="McpRateLimitedException">No fleet permit (Reject mode), or Redis is unreachable and the fleet fails closed.</exception>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled while waiting, or the connection is closing (<see cref="FleetLimits.Closing"/>).
    /// </exception>
    public async ValueTask<FleetPermit> AcquireAsync(RateLimitMode mode, CancellationToken cancellationToken)
    {
        // Every wait below also ends when the connection closes: the slot another replica holds may never come back.
        using CancellationTokenSource waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _fleet.Closing);
        cancellationToken = waiting.Token;
        if (!_fleet.ShouldTryRedis)
        {
            return await FallBackAsync(mode, error: null, cancellationToken).ConfigureAwait(false);
        }

        FleetSlots? slots = Volatile.Read(ref _slots);
        FleetRate? rate = Volatile.Read(ref _rate);
        var attempt = new Attempt(slots);
        try
        {
            // Straight to Redis while nobody of this tool waits; behind those who wait otherwise. A refusal says how long
            // to wait before asking again, counted from when it was given (the line may take part of it).
            TimeSpan retryAfter = TimeSpan.Zero;
            long askedAt = _fleet.TimeProvider.GetTimestamp();
            if (Volatile.Read(ref _inLine) == 0 && (retryAfter = await TryOnceAsync(attempt, rate, mode, cancellationToken).ConfigureAwait(false)) == TimeSpan.Zero)
            {
                return attempt.Permit();
            }

            bool outage = false;
            Interlocked.Increment(ref _inLine);
            try
            {
                await _line.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    TimeSpan wait = retryAfter - _fleet.TimeProvider.GetElapsedTime(askedAt);
                    do
                    {
                        if (attempt.SlotRefused)
                        {
                            // Asks again as soon as any replica returns a slot, or after the poll interval at the latest.
                            TimeSpan poll = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
                            await attempt.Slots!.Releases.WaitAsync(attempt.ReleasesSeen, poll, _fleet.TimeProvider, cancellationToken).ConfigureAwait(false);
                        }
                        else if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait, _fleet.TimeProvider, cancellationToken).ConfigureAwait(false);
                        }

                        // Redis failed another call meanwhile: fall back now rather than wait for it in turn.
                        if (!_fleet.ShouldTryRedis)
                        {
                            outage = true;
                            break;
                        }
                    }
                    while ((wait = await TryOnceAsync(attempt, rate, mode, cancellationToken).ConfigureAwait(false)) != TimeSpan.Zero);
                }
                finally
                {
                    _line.Release();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _inLine);
            }

            if (outage)
            {
                attempt.ReturnSlot();
                return await FallBackAsync(mode, error: null, cancellationToken).ConfigureAwait(false);
            }

            return attempt.Permit();
        }
        catch (Exception exception) when (FleetLimits.IsRedisFailure(exception))
        {
            attempt.ReturnSlot();
            _fleet.OnRedisFailed(_tool, exception);
            return await FallBackAsync(mode, exception, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            attempt.ReturnSlot();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _slots?.Dispose();
            _slotShare?.Dispose();
            _rate?.Dispose();
            _retired.ForEach(static retired => retired.Dispose());
        }
    }

    /// <summary>
    /// One ask: the slot (if the tool has fleet slots and none is held yet), then the rate permit. <see cref="TimeSpan.Zero"/>
    /// when both are held, otherwise how long to wait before asking again.
    /// </summary>
    private async ValueTask<TimeSpan> TryOnceAsync(Attempt attempt, FleetRate? rate, RateLimitMode mode, CancellationToken cancellationToken)
    {
        attempt.SlotRefused = false;
        if (attempt.Slots is { } slots && attempt.SlotId is null)
        {
            string id = FleetSlots.NewId();
            attempt.ReleasesSeen = slots.Releases.Count;
            Task<bool> take = slots.TryTakeAsync(id);
            try
            {
                if (!await AnswerAsync(take, cancellationToken).ConfigureAwait(false))
                {
                    _fleet.OnRedisAnswered();
                    attempt.SlotRefused = true;
                    return Jittered(_fleet.Options.PollInterval);
                }
            }
            catch when (!take.IsCompleted)
            {
                // Cancelled, or Redis did not answer in time; it may still grant the slot later: give it back then.
                _ = take.ContinueWith(
                    static (task, state) =>
                    {
                        var (owner, slotId) = ((FleetSlots, string))state!;
                        // A continuation: the task has ended, so reading Result does not block.
                        if (task.IsCompletedSuccessfully && task.Result)
                        {
                            owner.Return(slotId);
                        }
                    },
                    (slots, id),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                throw;
            }

            attempt.SlotId = id;
        }

        if (rate is not null)
        {
            // A permit Redis grants after we stopped waiting is simply not used: the fleet only runs fewer.
            TimeSpan retryAfter = await AnswerAsync(rate.TryTakeAsync(_fleet.DatabaseAsync), cancellationToken).ConfigureAwait(false);
            _fleet.OnRedisAnswered();
            if (retryAfter != TimeSpan.Zero && mode == RateLimitMode.Reject)
            {
                throw new McpRateLimitedException(
                    _tool, _fleet.Name, rate.Bound.Permits, rate.Bound.Window,
                    $"Tool '{_tool}' is limited to {Counted.Calls(rate.Bound.Permits)} per {rate.Bound.Window.TotalSeconds:0.###} s across fleet '{_fleet.Name}' and none is left in this window; the call was not started. Retry after the window, or use RateLimitMode.Wait.",
                    innerException: null);
            }

            return retryAfter;
        }

        _fleet.OnRedisAnswered();
        return TimeSpan.Zero;
    }

    /// <summary>
    /// Waits for Redis's answer to one request, at most <see cref="McpFleetOptions.OperationTimeout"/>: a Redis that
    /// accepts connections but never answers is unreachable too (<see cref="TimeoutException"/>, a Redis failure).
    /// </summary>
    private Task<T> AnswerAsync<T>(Task<T> request, CancellationToken cancellationToken) =>
        request.WaitAsync(_fleet.Options.OperationTimeout, _fleet.TimeProvider, cancellationToken);

    private async ValueTask<FleetPermit> FallBackAsync(RateLimitMode mode, Exception? error, CancellationToken cancellationToken)
    {
        _statistics.OnFleetFallback();
        McpSdkTelemetry.FleetFallbacks.Add(1, _tags);
        FleetRate? rate = Volatile.Read(ref _rate);
        if (_fleet.Options.FailureMode == McpFleetFailureMode.FailClosed)
        {
            throw new McpRateLimitedException(
                _tool, _fleet.Name, rate?.Bound.Permits ?? 0, rate?.Bound.Window ?? TimeSpan.Zero,
                $"Tool '{_tool}' has fleet-scoped limits in fleet '{_fleet.Name}', whose Redis cannot be reached ({error?.Message ?? "it failed a call less than RetryRedisAfter ago"}); " +
                "the call was not started (McpFleetFailureMode.FailClosed). Check the fleet's Redis, or use FailOpen to run under a local share while it is down.",
                error);
        }

        RateLimitLease? slot = null;
        if (Volatile.Read(ref _slotShare) is { } share)
        {
            slot = await share.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!slot.IsAcquired)
            {
                // Only a disposed share refuses a waiter (its queue is unbounded): the connection is closing.
                slot.Dispose();
                throw new OperationCanceledException($"Fleet '{_fleet.Name}' closed while tool '{_tool}' waited for its local share.");
            }
        }

        try
        {
            if (rate is not null && !await rate.TakeShareAsync(mode, cancellationToken).ConfigureAwait(false))
            {
                throw new McpRateLimitedException(
                    _tool, _fleet.Name, rate.Share, rate.Bound.Window,
                    $"Tool '{_tool}' is limited to {Counted.Calls(rate.Share)} per {rate.Bound.Window.TotalSeconds:0.###} s in this process while fleet '{_fleet.Name}''s Redis is unreachable (its local share), and none is left; the call was not started. Retry after the window, or use RateLimitMode.Wait.",
                    error);
            }
        }
        catch
        {
            slot?.Dispose();
            throw;
        }

        return new FleetPermit(null, null, slot);
    }

    private static TimeSpan Jittered(TimeSpan interval) => interval * (0.75 + (Random.Shared.NextDouble() / 2));

    /// <summary>The slot an acquisition holds so far.</summary>
    private sealed class Attempt(FleetSlots? slots)
    {
        public FleetSlots? Slots { get; } = slots;

        public string? SlotId { get; set; }

        /// <summary>The last ask found the fleet's slots full: wait for a release (or the poll) before the next.</summary>
        public bool SlotRefused { get; set; }

        /// <summary>Releases heard before the last ask for a slot.</summary>
        public long ReleasesSeen { get; set; }

        public FleetPermit Permit() => SlotId is null ? FleetPermit.RateOnly : new FleetPermit(Slots, SlotId, share: null);

        public void ReturnSlot()
        {
            if (SlotId is not null)
            {
                Slots!.Return(SlotId);
                SlotId = null;
            }
        }
    }
}
