using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace McpSdk.Tests.Endpoints;

/// <summary>
/// <see cref="McpHttpClientBuilderExtensions.AddMcpSdkHttpDefaults"/> retries only a failure to connect, inside the
/// handler's connect callback (<see cref="ConnectRetry"/>). Anything else may have reached the server (a tools/call POST
/// must not run twice), so it is not retried.
/// </summary>
public sealed class HttpDefaultsRetryTests
{
    [Fact]
    public async Task A_failure_to_connect_is_retried_until_the_connection_opens()
    {
        int attempts = 0;
        var retry = new ConnectRetry(3, TimeProvider.System, NullLogger.Instance, (endPoint, token) =>
            ++attempts < 3 ? throw new SocketException((int)SocketError.ConnectionRefused) : ValueTask.FromResult<Stream>(new MemoryStream()));

        await using Stream stream = await retry.ConnectAsync(Context(), CancellationToken.None);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Connect_retries_stop_after_the_configured_attempts()
    {
        int attempts = 0;
        var retry = new ConnectRetry(2, TimeProvider.System, NullLogger.Instance, (_, _) =>
        {
            attempts++;
            throw new SocketException((int)SocketError.ConnectionRefused);
        });

        SocketException error = await Assert.ThrowsAsync<SocketException>(() => retry.ConnectAsync(Context(), CancellationToken.None).AsTask());

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task The_connect_timeout_is_not_retried()
    {
        int attempts = 0;
        using var connectTimeout = new CancellationTokenSource();
        var retry = new ConnectRetry(3, TimeProvider.System, NullLogger.Instance, (_, token) =>
        {
            attempts++;
            connectTimeout.Cancel(); // the handler's ConnectTimeout ends this attempt
            throw new OperationCanceledException(token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.ConnectAsync(Context(), connectTimeout.Token).AsTask());

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_server_that_starts_listening_late_gets_the_request_exactly_once()
    {
        int port = FreePort();
        Task<int> server = Task.Run(async () =>
        {
            await Task.Delay(150); // the first connect is refused; a retry finds the listener
            return await ServeAsync(port, static async (stream, request) => await WriteResponseAsync(stream, "200 OK"));
        });

        Assert.Equal(HttpStatusCode.OK, await SendToolsCallAsync(port));

        Assert.Equal(1, await server);
    }

    [Fact]
    public async Task A_request_that_reached_the_server_is_not_sent_again_when_the_connection_drops()
    {
        int port = FreePort();
        Task<int> server = ServeAsync(port, static (stream, request) =>
        {
            stream.Socket.LingerState = new LingerOption(true, 0); // close with a reset, after reading the request
            return Task.CompletedTask;
        });

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => SendToolsCallAsync(port));
        Assert.NotEqual(HttpRequestError.ConnectionError, error.HttpRequestError);

        Assert.Equal(1, await server);
    }

    [Fact]
    public async Task An_error_status_is_returned_as_is_and_not_retried()
    {
        int port = FreePort();
        Task<int> server = ServeAsync(port, static async (stream, request) => await WriteResponseAsync(stream, "500 Internal Server Error"));

        Assert.Equal(HttpStatusCode.InternalServerError, await SendToolsCallAsync(port));

        Assert.Equal(1, await server);
    }

    [Fact]
    public void The_defaults_configure_the_handler_the_issue_asks_for()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("defaults").AddMcpSdkHttpDefaults();
        using ServiceProvider provider = services.BuildServiceProvider();
        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("defaults");

        SocketsHttpHandler sockets = Assert.IsType<SocketsHttpHandler>(Primary(handler));
        Assert.NotNull(sockets.ConnectCallback);
        Assert.True(sockets.EnableMultipleHttp2Connections);
        Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
    }

    private static HttpMessageHandler Primary(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        return handler;
    }

    private static DnsEndPoint Context() => new("127.0.0.1", 9);

    /// <summary>Sends one tools/call POST through McpSdk's HTTP defaults and returns the response's status.</summary>
    private static async Task<HttpStatusCode> SendToolsCallAsync(int port)
    {
        var services = new ServiceCollection();

        // Six attempts: about 3 s of backoff, slack for the late listener on a loaded machine.
        services.AddHttpClient("retry-test").AddMcpSdkHttpDefaults(connectAttempts: 6);
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("retry-test");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}""", Encoding.UTF8, "application/json"),
        };
        using HttpResponseMessage response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// Listens on the port, reads each request's headers and body, lets <paramref name="respond"/> answer, and closes the
    /// connection; stops when no new connection comes for a second. Returns the number of requests read.
    /// </summary>
    private static async Task<int> ServeAsync(int port, Func<NetworkStream, string, Task> respond)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        int requests = 0;
        while (true)
        {
            using var idle = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(idle.Token);
            }
            catch (OperationCanceledException)
            {
                return requests;
            }

            await using var stream = new NetworkStream(socket, ownsSocket: true);
            string request = await ReadRequestAsync(stream);
            if (request.Length > 0)
            {
                requests++;
                await respond(stream, request);
            }
        }
    }

    private static async Task<string> ReadRequestAsync(NetworkStream stream)
    {
        var received = new StringBuilder();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            string text = received.ToString();
            int headersEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headersEnd >= 0 && text.Length - headersEnd - 4 >= ContentLength(text[..headersEnd]))
            {
                return text;
            }
        }

        return received.ToString();
    }

    private static int ContentLength(string headers)
    {
        foreach (string line in headers.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static Task WriteResponseAsync(NetworkStream stream, string status) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).AsTask();
}
