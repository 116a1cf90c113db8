using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using McpSdk.Invocation;

namespace McpSdk.Engine;

/// <summary>
/// A reusable waiter for one reply of type <typeparamref name="T"/>, awaited as a <see cref="ValueTask{TResult}"/>
/// without an allocation. Its continuation runs inline where the reply is read (the session's reader thread): the rule
/// of this engine is no thread-pool hop per message.
/// </summary>
internal sealed class PendingReply<T> : PendingRequest, IValueTaskSource<T>
{
    private readonly ConcurrentQueue<PendingReply<T>>? _pool;
    private ManualResetValueTaskSourceCore<T> _core;
    private JsonTypeInfo<T> _type = null!;
    private string _method = string.Empty;
    private string? _subject;
    private CancellationTokenRegistration _cancellation;
    private Exception? _deferred;

    private PendingReply(ConcurrentQueue<PendingReply<T>>? pool) => _pool = pool;

    /// <summary>A waiter from <paramref name="pool"/> (returned there once its result is taken), or a new one.</summary>
    public static PendingReply<T> Rent(ConcurrentQueue<PendingReply<T>>? pool) =>
        pool is not null && pool.TryDequeue(out PendingReply<T>? reused) ? reused : new PendingReply<T>(pool);

    public void Prepare(LeanSession owner, long id, string method, string? subject, JsonTypeInfo<T> type)
    {
        Owner = owner;
        Id = id;
        _method = method;
        _subject = subject;
        _type = type;
    }

    /// <summary>
    /// What a <c>tools/call</c> sent, kept so that the request can be sent again when the server answers it with
    /// <c>input_required</c> (the stateless form's server requests); valid until the call completes, since the invoker
    /// owns the arguments until then.
    /// </summary>
    public void KeepCall(string toolName, ToolArguments arguments, long? progressToken, long? taskTtl)
    {
        ToolName = toolName;
        Arguments = arguments;
        ProgressToken = progressToken;
        TaskTtl = taskTtl;
        InputRounds = 0;
    }

    public string? ToolName { get; private set; }

    public ToolArguments? Arguments { get; private set; }

    public long? ProgressToken { get; private set; }

    /// <summary>The task's time to live in milliseconds, for a task-augmented <c>tools/call</c>.</summary>
    public long? TaskTtl { get; private set; }

    /// <summary>How many times the server asked for input for this call.</summary>
    public int InputRounds { get; set; }

    /// <summary>The caller's token (none when it cannot be cancelled), for the work done off the table for it.</summary>
    public CancellationToken CallerToken => _cancellation.Token;

    /// <summary>The request goes out again under <paramref name="id"/> (the server answered the previous one with input_required).</summary>
    public void Readdress(long id) => Id = id;

    public override void WatchCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(s_cancel, this);
        }
    }

    public ValueTask<T> AsValueTask() => new(this, _core.Version);

    public override string Describe() => _subject is null ? _method : $"{_method} of '{_subject}'";

    public override void SetResult(ReadOnlySpan<byte> result)
    {
        // Never waits: the cancellation callback, if it runs now, finds the request gone from the table and returns.
        _cancellation.Dispose();
        T? value;
        try
        {
            // The commonest tools/call result without the serializer's per-call read stack; anything else through it.
            value = typeof(T) == typeof(ModelContextProtocol.Protocol.CallToolResult) && CallToolResultReader.TryRead(result) is { } simple
                ? (T)(object)simple
                : JsonSerializer.Deserialize(result, _type);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException or InvalidOperationException)
        {
            _core.SetException(new JsonException($"The server's reply to {Describe()} could not be read: {error.Message}", error));
            return;
        }

        if (value is null)
        {
            _core.SetException(new JsonException($"The server answered {Describe()} with a null result."));
            return;
        }

        _core.SetResult(value);
    }

    public override void SetException(Exception error, bool resumeAsync)
    {
        _cancellation.Dispose();
        if (!resumeAsync)
        {
            _core.SetException(error);
            return;
        }

        _deferred = error;
        ThreadPool.UnsafeQueueUserWorkItem(
            static self =>
            {
                Exception failure = self._deferred!;
                self._deferred = null;
                self._core.SetException(failure);
            },
            this,
            preferLocal: false);
    }

    public T GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _core.Reset();
            _cancellation = default;
            Owner = null;
            _subject = null;
            ToolName = null;
            Arguments = null;
            _pool?.Enqueue(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
