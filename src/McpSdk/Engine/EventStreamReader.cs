using System;
using System.IO;
using System.Net.ServerSentEvents;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Engine;

/// <summary>
/// Reads one Streamable HTTP event stream (a POST's response, or a GET) with <see cref="SseParser"/> and hands each
/// event's message to an <see cref="ILinkReader"/> on the thread that read it, in order. It remembers the last event
/// id and the server's <c>retry</c> interval across the streams of one resumption, for the next <c>Last-Event-ID</c>.
/// </summary>
internal sealed class EventStreamReader
{
    private readonly ILinkReader _reader;
    private readonly int _maxMessageSize;
    private readonly SseItemParser<bool> _deliver;

    public EventStreamReader(ILinkReader reader, int maxMessageSize)
    {
        _reader = reader;
        _maxMessageSize = maxMessageSize;
        _deliver = Deliver;
    }

    /// <summary>The id of the last event read (on any stream this reader read), or null when none had one.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>The reconnection delay the server last asked for with <c>retry:</c>, or null.</summary>
    public TimeSpan? Retry { get; private set; }

    /// <summary>Messages delivered, on every stream.</summary>
    public int Messages { get; private set; }

    /// <summary>
    /// Reads <paramref name="body"/> to its end, delivering each message; stops early once request
    /// <paramref name="until"/> is no longer pending (its reply arrived), when it is not 0.
    /// </summary>
    /// <returns>True when it stopped because the reply arrived.</returns>
    /// <exception cref="McpMessageTooLargeException">An event was larger than the message size limit.</exception>
    /// <exception cref="IOException">The stream broke off.</exception>
    public async Task<bool> ReadAsync(Stream body, long until, CancellationToken cancellationToken)
    {
        SseParser<bool> parser = SseParser.Create(BoundedEventStream.ForMessages(body, _maxMessageSize), _deliver);
        try
        {
            await foreach (SseItem<bool> item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item.Data && until != 0 && !_reader.IsPending(until))
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            // What the stream said before it ended counts, however it ended.
            if (!string.IsNullOrEmpty(parser.LastEventId))
            {
                LastEventId = parser.LastEventId;
            }

            if (parser.ReconnectionInterval > TimeSpan.Zero && parser.ReconnectionInterval != Timeout.InfiniteTimeSpan)
            {
                Retry = parser.ReconnectionInterval;
            }
        }
    }

    // Called by the parser for each event, on the reading thread: the data span is valid during the call only.
    private bool Deliver(string eventType, ReadOnlySpan<byte> data)
    {
        if (eventType != "message")
        {
            return false;
        }

        data = data.Trim(" \t\r\n"u8);
        if (data.IsEmpty)
        {
            // A priming event (an id and a retry interval, no message), or a keep-alive.
            return false;
        }

        if (data.Length > _maxMessageSize)
        {
            throw new McpMessageTooLargeException(_maxMessageSize);
        }

        _reader.OnMessage(data);
        Messages++;
        return true;
    }
}
