using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Sessions;

/// <summary>
/// A client transport that shows every incoming message to an observer as the SDK reads it, in order,
/// before the SDK dispatches it. Everything else passes through untouched.
/// </summary>
/// <remarks>
/// <paramref name="marksRefusals"/>: whether sending can raise a JSON-RPC error (Streamable HTTP can; stdio and in-memory
/// streams only ever deliver errors as messages), so that the send must be watched for one — which costs a state
/// machine per send that completes asynchronously, so it is skipped where no refusal can come.
/// </remarks>
internal sealed class ObservingClientTransport(IClientTransport inner, Action<JsonRpcMessage> observer, bool marksRefusals) : IClientTransport
{
    private volatile ObservingTransport? _connected;

    public string Name => inner.Name;

    /// <summary>The connected transport; <see langword="null"/> until connecting succeeded (a process that could not start).</summary>
    public ObservingTransport? Connected => _connected;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        _connected = new ObservingTransport(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false), observer, marksRefusals);
}

/// <summary>
/// A connected transport whose reader reports each message to an observer, and which marks the JSON-RPC errors its
/// sending raises (see <see cref="IsRefusedBySend"/>).
/// </summary>
internal sealed class ObservingTransport(ITransport inner, Action<JsonRpcMessage> observer, bool marksRefusals) : ITransport
{
    private const string RefusedBySendKey = "McpSdk.RefusedBySend";

    private readonly ObservingReader _reader = new(inner.MessageReader, observer);

    public string? SessionId => inner.SessionId;

    public ChannelReader<JsonRpcMessage> MessageReader => _reader;

    /// <summary>Ends with the transport: faulted with the SDK's <see cref="ClientTransportClosedException"/> when it closed on its own.</summary>
    public Task Completion => _reader.Completion;

    /// <summary>
    /// Whether <paramref name="error"/> was raised while sending the request rather than read as the server's answer
    /// to it. Over Streamable HTTP the SDK raises a JSON-RPC error carried by an HTTP error status (400) from the send:
    /// the server turned the request away before handling it, as servers do for a session id they no longer know. A
    /// JSON-RPC error that arrives as a message is the server's answer about that one request.
    /// </summary>
    public static bool IsRefusedBySend(McpProtocolException error) => error.Data.Contains(RefusedBySendKey);

    public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        Task sending = inner.SendMessageAsync(message, cancellationToken);
        return !marksRefusals || sending.IsCompletedSuccessfully ? sending : MarkRefusalAsync(sending);
    }

    // The same exception goes on up (the SDK's connect logic reads its type and code); it only gains a mark.
    private static async Task MarkRefusalAsync(Task sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (McpProtocolException error)
        {
            error.Data[RefusedBySendKey] = true;
            throw;
        }
    }

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
