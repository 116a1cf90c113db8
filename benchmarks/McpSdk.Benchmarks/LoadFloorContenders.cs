using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Benchmarks;

// The floors: clients that do only what no MCP client can avoid (write a fixed tools/call, read its reply), so a
// reader sees how much of a contender's cost is its own and how much belongs to the transport and the server.

/// <summary>
/// The floor for any client built on <c>HttpClient</c>: the same factory-made client McpSdk uses, posting a fixed
/// <c>tools/call</c> and reading the response to its end, with no MCP layer (no JSON written or parsed, no SSE parsing,
/// no correlation). What an engine on <c>HttpClient</c> spends above this is its own.
/// </summary>
internal sealed class BareHttpContender : CSharpLoadContender
{
    private readonly HttpClient _client;
    private readonly Uri _uri;
    private string _session = string.Empty;
    private string _version = string.Empty;

    private BareHttpContender(HttpClient client, Uri uri)
        : base("bare HttpClient POSTs, no MCP layer (the HttpClient floor)")
    {
        _client = client;
        _uri = uri;
    }

    public static async Task<BareHttpContender> StartAsync(HttpClient client, Uri uri)
    {
        var contender = new BareHttpContender(client, uri);
        using (HttpResponseMessage initialized = await contender.PostAsync(FixedMessages.Initialize).ConfigureAwait(false))
        {
            contender._session = initialized.Headers.GetValues("Mcp-Session-Id").First();
            _ = await initialized.Content.ReadAsStringAsync().ConfigureAwait(false);
        }

        contender._version = FixedMessages.ProtocolVersion;
        (await contender.PostAsync(FixedMessages.Initialized).ConfigureAwait(false)).Dispose();
        using HttpResponseMessage first = await contender.PostAsync(FixedMessages.Call).ConfigureAwait(false);
        string body = await first.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!body.Contains(Expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected echo response '{body}'.");
        }

        return contender;
    }

    /// <summary>The session id the server gave this contender (the raw-socket floor borrows it).</summary>
    public string Session => _session;

    private Task<HttpResponseMessage> PostAsync(byte[] message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _uri) { Content = new ByteArrayContent(message) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        if (_session.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", _session);
        }

        if (_version.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", _version);
        }

        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
    }

    protected override async Task WorkerAsync()
    {
        byte[] buffer = new byte[4096];
        while (TryNext(out int index))
        {
            long started = Stopwatch.GetTimestamp();
            using (HttpResponseMessage response = await PostAsync(FixedMessages.Call).ConfigureAwait(false))
            {
                Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    while (await body.ReadAsync(buffer).ConfigureAwait(false) > 0)
                    {
                    }
                }
            }

            Record(index, started);
        }
    }

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// What a client of our own on raw sockets would cost over HTTP/1.1 (no <c>HttpClient</c>): one kept-alive TCP
/// connection per call in flight, a fixed request written in one send, the response's status line and headers found,
/// its chunked (or Content-Length) body read to its end. No header collections, no handler chain, no proxy, TLS,
/// redirects, authentication or HTTP/2: the floor of the "own HTTP client" option, measured beside the
/// <c>HttpClient</c> floor.
/// </summary>
internal sealed class RawSocketHttpContender : CSharpLoadContender
{
    private readonly ConcurrentStack<Socket> _idle = new();
    private readonly Uri _uri;
    private readonly byte[] _request;

    private RawSocketHttpContender(Uri uri, string session)
        : base("raw-socket HTTP/1.1 POSTs, no HttpClient (floor of an own client)")
    {
        _uri = uri;
        _request = Encoding.ASCII.GetBytes(
            $"POST {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\n" +
            $"Accept: application/json, text/event-stream\r\nMcp-Session-Id: {session}\r\nMCP-Protocol-Version: {FixedMessages.ProtocolVersion}\r\n" +
            $"Content-Length: {FixedMessages.Call.Length}\r\n\r\n").Concat(FixedMessages.Call).ToArray();
    }

    /// <summary>Opens a session through <paramref name="client"/> (initialize and initialized), then posts on sockets of its own.</summary>
    public static async Task<RawSocketHttpContender> StartAsync(HttpClient client, Uri uri)
    {
        BareHttpContender opener = await BareHttpContender.StartAsync(client, uri).ConfigureAwait(false);
        var contender = new RawSocketHttpContender(uri, opener.Session);
        byte[] buffer = new byte[16 * 1024];
        Socket socket = await contender.ConnectAsync().ConfigureAwait(false);
        int length = await contender.PostAsync(socket, buffer).ConfigureAwait(false);
        string response = Encoding.UTF8.GetString(buffer, 0, length);
        if (!response.Contains(Expected, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected echo response '{response}'.");
        }

        contender._idle.Push(socket);
        return contender;
    }

    private async Task<Socket> ConnectAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(_uri.Host, _uri.Port).ConfigureAwait(false);
        return socket;
    }

    /// <summary>Sends the request and reads its whole response into <paramref name="buffer"/>; returns its length.</summary>
    private async Task<int> PostAsync(Socket socket, byte[] buffer)
    {
        _ = await socket.SendAsync(_request, SocketFlags.None).ConfigureAwait(false);
        int length = 0;
        int bodyStart = -1;
        while (true)
        {
            if (length == buffer.Length)
            {
                throw new InvalidOperationException($"A response over {buffer.Length} bytes: the floor reads small echo replies only.");
            }

            int read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The server closed the connection mid-response.");
            }

            length += read;
            if (bodyStart < 0)
            {
                int end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
                if (end < 0)
                {
                    continue;
                }

                bodyStart = end + 4;
            }

            if (ResponseComplete(buffer.AsSpan(0, length), bodyStart))
            {
                return length;
            }
        }
    }

    /// <summary>Whether the body after the headers is complete: its Content-Length reached, or its chunks ended by a zero-size chunk.</summary>
    private static bool ResponseComplete(ReadOnlySpan<byte> response, int bodyStart)
    {
        ReadOnlySpan<byte> headers = response[..bodyStart];
        int contentLength = IndexOfIgnoreCase(headers, "\r\ncontent-length:"u8);
        if (contentLength >= 0)
        {
            ReadOnlySpan<byte> value = headers[(contentLength + 17)..].TrimStart((byte)' ');
            _ = Utf8Parser.TryParse(value, out int bodyLength, out _);
            return response.Length - bodyStart >= bodyLength;
        }

        ReadOnlySpan<byte> body = response[bodyStart..];
        while (true)
        {
            int lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0 || !Utf8Parser.TryParse(body[..lineEnd], out int size, out _, 'x'))
            {
                return false;
            }

            if (size == 0)
            {
                return body.Length >= lineEnd + 4; // "0\r\n\r\n": no trailers
            }

            int next = lineEnd + 2 + size + 2;
            if (body.Length < next)
            {
                return false;
            }

            body = body[next..];
        }
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCaseValue)
    {
        for (int i = 0; i + lowerCaseValue.Length <= text.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(i, lowerCaseValue.Length), lowerCaseValue))
            {
                return i;
            }
        }

        return -1;
    }

    protected override async Task WorkerAsync()
    {
        byte[] buffer = new byte[16 * 1024];
        Socket socket = _idle.TryPop(out Socket? kept) ? kept : await ConnectAsync().ConfigureAwait(false);
        while (TryNext(out int index))
        {
            long started = Stopwatch.GetTimestamp();
            _ = await PostAsync(socket, buffer).ConfigureAwait(false);
            Record(index, started);
        }

        _idle.Push(socket);
    }

    public override ValueTask DisposeAsync()
    {
        while (_idle.TryPop(out Socket? socket))
        {
            socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The floor of a stdio client: server-everything as a child process, fixed <c>tools/call</c> lines written to its
/// stdin and reply lines read from its stdout by one dedicated thread with blocking reads, in a loop that keeps the
/// window's calls in flight (writing the next call as each reply arrives, one write per read). No JSON written or
/// parsed beyond finding each reply's id, no async state machines, no thread pool: the least a client can do.
/// </summary>
internal sealed class BareStdioContender : CSharpLoadContender
{
    private static readonly byte[] s_head = "{\"jsonrpc\":\"2.0\",\"id\":"u8.ToArray();
    private static readonly byte[] s_tail = ",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}}\n"u8.ToArray();
    private readonly Process _server;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly byte[] _writeBuffer = new byte[256 * 1024];
    private readonly byte[] _readBuffer = new byte[256 * 1024];
    private int _writeLength;
    private int _readStart;
    private int _readEnd;
    private long[] _sentAt = [];
    private long _idBase = 1_000;

    private BareStdioContender(Process server)
        : base("bare stdio lines, blocking reads, no MCP layer (the stdio floor)")
    {
        _server = server;
        _input = server.StandardInput.BaseStream;
        _output = server.StandardOutput.BaseStream;
        ServerPids = [server.Id];
    }

    public static Task<BareStdioContender> StartAsync(string serverScript)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(serverScript);
        start.ArgumentList.Add("stdio");
        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var contender = new BareStdioContender(process);

        // The handshake and a first call, on a thread of its own as the windows are (blocking reads).
        return RunOnThread(() =>
        {
            contender.WriteRaw(FixedMessages.Initialize);
            contender.WriteRaw("\n"u8);
            contender.Flush();
            _ = contender.ReadReplyId();
            contender.WriteRaw(FixedMessages.Initialized);
            contender.WriteRaw("\n"u8);
            contender._sentAt = new long[1];
            contender.WriteCall(0);
            contender.Flush();
            long id = contender.ReadReplyId(out string line);
            if (id != contender._idBase || !line.Contains(Expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Unexpected echo response '{line}'.");
            }

            contender._idBase++;
            return contender;
        });
    }

    protected override Task WorkerAsync() => throw new NotSupportedException("The stdio floor drives its window on one thread.");

    protected override Task DriveAsync(int inFlight) => RunOnThread(() =>
    {
        int calls = WindowCalls;
        if (_sentAt.Length < calls)
        {
            _sentAt = new long[calls];
        }

        int sent = 0;
        for (; sent < Math.Min(inFlight, calls); sent++)
        {
            WriteCall(sent);
        }

        Flush();
        for (int received = 0; received < calls;)
        {
            // Every complete reply line in the buffer, then one write of the calls they make room for.
            Fill();
            while (TryTakeLine(out ReadOnlySpan<byte> line))
            {
                if (!TryReplyId(line, out long id))
                {
                    continue;
                }

                int index = (int)(id - _idBase);
                Record(index, _sentAt[index]);
                received++;
                if (sent < calls)
                {
                    WriteCall(sent++);
                }
            }

            Flush();
        }

        _idBase += calls;
        return true;
    });

    private static Task<T> RunOnThread<T>(Func<T> body)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.SetResult(body());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "stdio floor" };
        thread.Start();
        return done.Task;
    }

    private void WriteCall(int index)
    {
        _sentAt[index] = Stopwatch.GetTimestamp();
        WriteRaw(s_head);
        _ = Utf8Formatter.TryFormat(_idBase + index, _writeBuffer.AsSpan(_writeLength), out int written);
        _writeLength += written;
        WriteRaw(s_tail);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_writeBuffer.AsSpan(_writeLength));
        _writeLength += bytes.Length;
    }

    private void Flush()
    {
        if (_writeLength > 0)
        {
            _input.Write(_writeBuffer, 0, _writeLength);
            _input.Flush();
            _writeLength = 0;
        }
    }

    /// <summary>One blocking read, after moving an unfinished line to the buffer's start.</summary>
    private void Fill()
    {
        if (_readStart > 0)
        {
            _readBuffer.AsSpan(_readStart, _readEnd - _readStart).CopyTo(_readBuffer);
            _readEnd -= _readStart;
            _readStart = 0;
        }

        if (_readEnd == _readBuffer.Length)
        {
            throw new InvalidOperationException($"A line over {_readBuffer.Length} bytes: the floor reads small echo replies only.");
        }

        int read = _output.Read(_readBuffer, _readEnd, _readBuffer.Length - _readEnd);
        if (read == 0)
        {
            throw new IOException("server-everything closed its stdout.");
        }

        _readEnd += read;
    }

    private bool TryTakeLine(out ReadOnlySpan<byte> line)
    {
        int newline = _readBuffer.AsSpan(_readStart, _readEnd - _readStart).IndexOf((byte)'\n');
        if (newline < 0)
        {
            line = default;
            return false;
        }

        line = _readBuffer.AsSpan(_readStart, newline);
        _readStart += newline + 1;
        return true;
    }

    /// <summary>A reply's id (a line with <c>"result"</c> or <c>"error"</c>, no <c>"method"</c>); notifications are skipped.</summary>
    private static bool TryReplyId(ReadOnlySpan<byte> line, out long id)
    {
        id = 0;
        int at = line.LastIndexOf("\"id\":"u8);
        return at >= 0 && line.IndexOf("\"method\""u8) < 0 && Utf8Parser.TryParse(line[(at + 5)..], out id, out _);
    }

    private long ReadReplyId() => ReadReplyId(out _);

    private long ReadReplyId(out string text)
    {
        while (true)
        {
            while (TryTakeLine(out ReadOnlySpan<byte> line))
            {
                if (TryReplyId(line, out long id))
                {
                    text = Encoding.UTF8.GetString(line);
                    return id;
                }
            }

            Fill();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _input.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _server.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
        }

        _server.Dispose();
    }
}

/// <summary>The fixed messages the floors send.</summary>
internal static class FixedMessages
{
    public const string ProtocolVersion = "2025-06-18";

    public static readonly byte[] Initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"floor\",\"version\":\"1\"}}}"u8.ToArray();

    public static readonly byte[] Initialized = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"u8.ToArray();

    public static readonly byte[] Call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}}"u8.ToArray();
}
