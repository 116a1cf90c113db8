using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Invocation;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace McpSdk.Fleet;

/// <summary>
/// A connection's view of its fleet: the Redis multiplexer, whether Redis is answering, and each fleet-scoped tool's
/// <see cref="FleetToolLimits"/>. After Redis fails a call, calls skip it for <see cref="McpFleetOptions.RetryRedisAfter"/>
/// (falling back at once), then try it again: the first that gets an answer ends the outage.
/// </summary>
internal sealed partial class FleetLimits : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FleetToolLimits> _tools = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task<IConnectionMultiplexer> _connecting;
    private readonly bool _ownsMultiplexer;
    private readonly CancellationTokenSource _closing = new();
    private long _skipRedisUntil = long.MinValue;
    private int _down;

    public FleetLimits(McpFleetOptions options, TimeProvider timeProvider, ILogger logger)
    {
        Options = options;
        _time = timeProvider;
        _logger = logger;
        if (options.Multiplexer is { } multiplexer)
        {
            _connecting = Task.FromResult(multiplexer);
        }
        else
        {
            string redis = options.Redis is { Length: > 0 } value
                ? value
                : throw new ArgumentException($"McpFleetOptions for fleet '{options.KeyPrefix}' needs Redis (a connection string) or Multiplexer.", nameof(options));
            _connecting = ConnectAsync(redis);
            _ownsMultiplexer = true;
        }
    }

    public McpFleetOptions Options { get; }

    /// <summary>The fleet's name in messages and metrics: its key prefix.</summary>
    public string Name => Options.KeyPrefix;

    /// <summary>False while an outage is recent: calls fall back without asking Redis.</summary>
    public bool ShouldTryRedis => _time.GetTimestamp() >= Volatile.Read(ref _skipRedisUntil);

    /// <summary>The limits of <paramref name="toolName"/>, created on first use; <paramref name="policy"/>'s fleet limits tighten them.</summary>
    public FleetToolLimits ForTool(string toolName, CallPolicy policy, ToolStatistics statistics)
    {
        FleetToolLimits tool = _tools.GetOrAdd(toolName, static (name, state) => new FleetToolLimits(state.Fleet, name, state.Statistics), (Fleet: this, Statistics: statistics));
        tool.Configure(policy);
        return tool;
    }

    /// <summary>The database, once the multiplexer exists (it connects, and reconnects, in the background).</summary>
    public ValueTask<IDatabase> DatabaseAsync() => _connecting.IsCompletedSuccessfully
        ? new ValueTask<IDatabase>(_connecting.Result.GetDatabase())
        : AwaitDatabaseAsync();

    /// <summary>Cancelled when the connection closes: ends every call's wait for the fleet.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Ends every wait for the fleet (the connection is being disposed); the multiplexer stays until <see cref="DisposeAsync"/>.</summary>
    public void Close() => _closing.Cancel();

    /// <summary>A timestamp of the connection's clock, for the tools' timers.</summary>
    public TimeProvider TimeProvider => _time;

    public void OnRedisFailed(string tool, Exception error)
    {
        Volatile.Write(ref _skipRedisUntil, _time.GetTimestamp() + (long)(Options.RetryRedisAfter.TotalSeconds * _time.TimestampFrequency));
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogUnreachable(_logger, Name, tool, Options.FailureMode == McpFleetFailureMode.FailOpen
                ? $"run under this process's local share (limit / {Options.ExpectedReplicas} expected replicas)"
                : "fail with McpRateLimitedException (FailClosed)", error.Message);
        }
    }

    public void OnRedisAnswered()
    {
        if (Volatile.Read(ref _down) != 0 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogRecovered(_logger, Name);
        }
    }

    /// <summary>Whether <paramref name="error"/> says Redis could not answer (rather than a bug or a cancellation).</summary>
    public static bool IsRedisFailure(Exception error) => error is RedisException or TimeoutException or System.Net.Sockets.SocketException;

    public async ValueTask DisposeAsync()
    {
        Close();
        foreach (FleetToolLimits tool in _tools.Values)
        {
            tool.Dispose();
        }

        if (_ownsMultiplexer)
        {
            try
            {
                IConnectionMultiplexer multiplexer = await _connecting.ConfigureAwait(false);
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (IsRedisFailure(exception))
            {
                // It never connected: nothing to close.
            }
        }

        _closing.Dispose();
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(string redis)
    {
        ConfigurationOptions configuration = ConfigurationOptions.Parse(redis);

        // A call must never wait on Redis longer than it takes to fail: no backlog while disconnected, keep trying to
        // (re)connect in the background, and short timeouts unless the connection string sets its own.
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        if (!redis.Contains("connectTimeout=", StringComparison.OrdinalIgnoreCase))
        {
            configuration.ConnectTimeout = 2_000;
        }

        if (!redis.Contains("asyncTimeout=", StringComparison.OrdinalIgnoreCase))
        {
            configuration.AsyncTimeout = 2_000;
        }

        if (!redis.Contains("syncTimeout=", StringComparison.OrdinalIgnoreCase))
        {
            configuration.SyncTimeout = 2_000;
        }

        return await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
    }

    private async ValueTask<IDatabase> AwaitDatabaseAsync() => (await _connecting.ConfigureAwait(false)).GetDatabase();

    [LoggerMessage(70, LogLevel.Warning, "Fleet {Fleet}: Redis is unreachable (seen by a call of tool {Tool}: {Error}); fleet-scoped calls {Behaviour} until it answers again.")]
    private static partial void LogUnreachable(ILogger logger, string fleet, string tool, string behaviour, string error);

    [LoggerMessage(71, LogLevel.Information, "Fleet {Fleet}: Redis answers again; fleet-scoped limits are kept there once more.")]
    private static partial void LogRecovered(ILogger logger, string fleet);
}
