using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>
/// A client transport that shows every incoming message to an observer as the SDK reads it, in order,
/// before the SDK dispatches it. Everything else passes through untouched.
/// </summary>
internal sealed class ObservingClientTransport(IClientTransport inner, Action<JsonRpcMessage> observer) : IClientTransport
{
    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new ObservingTransport(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false), observer);
}

/// <summary>A connected transport whose reader reports each message to an observer.</summary>
internal sealed class ObservingTransport(ITransport inner, Action<JsonRpcMessage> observer) : ITransport
{
    private readonly ObservingReader _reader = new(inner.MessageReader, observer);

    public string? SessionId => inner.SessionId;

    public ChannelReader<JsonRpcMessage> MessageReader => _reader;

    public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) =>
        inner.SendMessageAsync(message, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private sealed class ObservingReader(ChannelReader<JsonRpcMessage> inner, Action<JsonRpcMessage> observer) : ChannelReader<JsonRpcMessage>
    {
        public override Task Completion => inner.Completion;

        public override bool TryRead([MaybeNullWhen(false)] out JsonRpcMessage item)
        {
            if (inner.TryRead(out item))
            {
                observer(item);
                return true;
            }

            return false;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            inner.WaitToReadAsync(cancellationToken);
    }
}
