using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSdk;

/// <summary>
/// A connection to one MCP server endpoint. It owns the sessions and everything that runs calls on them;
/// typed clients made by <see cref="CreateClient{TClient}"/> share it. Dispose it to end every session.
/// </summary>
/// <example>
/// <code>
/// await using var connection = await McpConnection.OpenAsync(McpEndpoint.Stdio("npx", "-y", "@modelcontextprotocol/server-everything"));
/// IEverythingTools tools = connection.CreateClient&lt;IEverythingTools&gt;();
/// string sum = await tools.GetSumAsync(1, 2);
/// </code>
/// </example>
public sealed class McpConnection : IAsyncDisposable
{
    private readonly IMcpSession _session;
    private int _disposed;

    private McpConnection(McpEndpoint endpoint, McpConnectionOptions options, IMcpSession session)
    {
        Endpoint = endpoint;
        Options = options;
        _session = session;
        Invoker = new ToolInvoker(this);
    }

    /// <summary>The endpoint this connection opens sessions to.</summary>
    public McpEndpoint Endpoint { get; }

    /// <summary>The settings the connection was opened with.</summary>
    public McpConnectionOptions Options { get; }

    internal ToolInvoker Invoker { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Opens a connection: starts a session and completes the MCP handshake.</summary>
    /// <param name="endpoint">Where the server is.</param>
    /// <param name="options">Connection-wide settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<McpConnection> OpenAsync(
        McpEndpoint endpoint, McpConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new McpConnectionOptions();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        IMcpSession session = await SdkSession.ConnectAsync(endpoint, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        return new McpConnection(endpoint, options, session);
    }

    /// <summary>
    /// Creates the typed client for <typeparamref name="TClient"/>, an interface marked with
    /// <see cref="McpClientAttribute"/> whose proxy the McpSdk source generator wrote at build time.
    /// </summary>
    /// <exception cref="InvalidOperationException">No proxy was generated for <typeparamref name="TClient"/>.</exception>
    public TClient CreateClient<TClient>()
        where TClient : class
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return McpClientRegistry.Create<TClient>(Invoker);
    }

    /// <summary>Ends every session; calls still running fail with <see cref="McpSessionLostException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _session.DisposeAsync().ConfigureAwait(false);
    }

    internal IMcpSession GetSession(ToolMethod method)
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(nameof(McpConnection), $"The MCP connection to '{Endpoint.Name}' was disposed; tool '{method.ToolName}' cannot be called.");
        }

        return _session;
    }
}
