using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace McpSdk.Fleet;

/// <summary>
/// Wakes this replica's waiter for a tool's fleet slots when any replica returns one: Redis pub/sub on a channel next to
/// the slot set, subscribed when a call of the tool first waits and kept until the connection closes. Only a hint: a
/// message is lost while not yet subscribed or while the multiplexer reconnects, a lease that simply ends publishes
/// nothing, and a multiplexer with a <c>ChannelPrefix</c> listens on another name, so the waiter still asks again every
/// <see cref="McpFleetOptions.PollInterval"/> at the latest.
/// </summary>
internal sealed class FleetReleases : IDisposable
{
    private readonly RedisChannel _channel;
    private readonly Func<ValueTask<IDatabase>> _database;
    private readonly Action<RedisChannel, RedisValue> _onMessage;
    private ISubscriber? _subscriber;
    private int _subscribing;
    private int _disposed;
    private long _count;
    private TaskCompletionSource? _next;

    public FleetReleases(string channel, Func<ValueTask<IDatabase>> database)
    {
        Channel = channel;
        _channel = RedisChannel.Literal(channel);
        _database = database;
        _onMessage = (_, _) => OnReleased();
    }

    /// <summary>The channel's name, for the script that returns a slot and publishes there.</summary>
    public string Channel { get; }

    /// <summary>Releases heard so far: read before asking Redis for a slot, handed to <see cref="WaitAsync"/> after a refusal.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>
    /// Waits until a release is heard after <paramref name="seen"/> (at once if one already was), or <paramref name="poll"/>
    /// has passed: either way the caller asks Redis again.
    /// </summary>
    public async Task WaitAsync(long seen, TimeSpan poll, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Subscribe();

        // Armed before the count is read again, so a release heard in between is seen by one or the other.
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _next, next);
        if (Count != seen)
        {
            return;
        }

        try
        {
            await next.Task.WaitAsync(poll, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing heard: the poll.
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        Unsubscribe();
    }

    private void Subscribe()
    {
        if (Interlocked.CompareExchange(ref _subscribing, 1, 0) == 0)
        {
            _ = SubscribeAsync();
        }
    }

    // Not awaited by any call: the waiter polls until the subscription is in place, and a failed one is tried again by
    // the next wait.
    private async Task SubscribeAsync()
    {
        try
        {
            ISubscriber subscriber = (await _database().ConfigureAwait(false)).Multiplexer.GetSubscriber();
            await subscriber.SubscribeAsync(_channel, _onMessage).ConfigureAwait(false);
            Volatile.Write(ref _subscriber, subscriber);
            if (Volatile.Read(ref _disposed) != 0)
            {
                Unsubscribe(); // closed while subscribing: a shared multiplexer must not keep calling us
            }
        }
        catch (Exception exception) when (FleetLimits.IsRedisFailure(exception) || exception is ObjectDisposedException)
        {
            Volatile.Write(ref _subscribing, 0);
        }
    }

    private void Unsubscribe()
    {
        try
        {
            Interlocked.Exchange(ref _subscriber, null)?.Unsubscribe(_channel, _onMessage, CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (FleetLimits.IsRedisFailure(exception) || exception is ObjectDisposedException)
        {
            // Gone with the connection to Redis.
        }
    }

    private void OnReleased()
    {
        Interlocked.Increment(ref _count);
        Interlocked.Exchange(ref _next, null)?.TrySetResult();
    }
}
