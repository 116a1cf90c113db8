using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Core;
using McpSdk.Diagnostics;
using McpSdk.Engine;
using McpSdk.Invocation;
using McpSdk.Sessions;
using McpSdk.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;

namespace McpSdk;

/// <summary>
/// A connection to one MCP server endpoint. It owns the sessions, the scheduler and every tool's policy state;
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
    private readonly ConnectionCore _core;
    private int _disposed;

    internal McpConnection(McpEndpoint endpoint, McpConnectionOptions options, Func<CancellationToken, Task<IMcpSession>> connect)
        : this(endpoint, options, connect, CreateValidator(endpoint, options))
    {
    }

    private McpConnection(
        McpEndpoint endpoint, McpConnectionOptions options, Func<CancellationToken, Task<IMcpSession>> connect, ToolValidator? validator)
    {
        Endpoint = endpoint;
        Options = options;
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _core = new ConnectionCore(endpoint.Name, options, connect, validator, loggerFactory.CreateLogger("McpSdk.SessionPool"));
        Invoker = new ToolInvoker(_core, options, loggerFactory.CreateLogger("McpSdk.ToolInvoker"));
        LiveResourceCounters.ConnectionCreated();
    }

    /// <summary>A connection over a session that is already open (tests and benchmarks bring their own).</summary>
    internal McpConnection(McpEndpoint endpoint, McpConnectionOptions options, IMcpSession session)
        : this(endpoint, options, _ => Task.FromException<IMcpSession>(new InvalidOperationException("This connection has exactly the one session it was given.")))
    {
        _core.Pool.AddOpened(session);
    }

    /// <summary>The endpoint this connection opens sessions to.</summary>
    public McpEndpoint Endpoint { get; }

    /// <summary>The settings the connection was opened with.</summary>
    public McpConnectionOptions Options { get; }

    internal ToolInvoker Invoker { get; }

    /// <summary>
    /// Opens a connection: starts <see cref="McpConnectionOptions.MinSessions"/> sessions (at least one) and completes
    /// their MCP handshakes.
    /// </summary>
    /// <param name="endpoint">Where the server is.</param>
    /// <param name="options">Connection-wide settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<McpConnection> OpenAsync(
        McpEndpoint endpoint, McpConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        McpConnection connection = Create(endpoint, options);
        try
        {
            await connection._core.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Creates a connection that opens its sessions on the first call (or on <see cref="ConnectAsync"/>), for
    /// containers and other places that cannot await. A call made while the server cannot be reached fails with
    /// <see cref="McpSessionLostException"/>.
    /// </summary>
    /// <param name="endpoint">Where the server is.</param>
    /// <param name="options">Connection-wide settings, or <see langword="null"/> for the defaults.</param>
    public static McpConnection Create(McpEndpoint endpoint, McpConnectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new McpConnectionOptions();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        ToolValidator? validator = CreateValidator(endpoint, options);
        return new McpConnection(
            endpoint,
            options,
            token => ConnectSessionAsync(endpoint, options, validator, loggerFactory, token),
            validator);
    }

    private static ToolValidator? CreateValidator(McpEndpoint endpoint, McpConnectionOptions options) =>
        options.ValidateToolsOnConnect == McpToolValidation.None
            ? null
            : new ToolValidator(
                options.ValidateToolsOnConnect, endpoint.Name, (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("McpSdk.ToolValidation"));

    /// <summary>Opens one session; the first one also lists the server's tools when validation is on.</summary>
    private static async Task<IMcpSession> ConnectSessionAsync(
        McpEndpoint endpoint, McpConnectionOptions options, ToolValidator? validator, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        validator?.ThrowIfFailed();
        IMcpSession session = await SessionEngines.ConnectAsync(endpoint, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        if (validator is { NeedsServerTools: true })
        {
            try
            {
                validator.OnConnected(await session.ListToolsAsync(cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return session;
    }

    /// <summary>
    /// Opens the connection's first sessions now (<see cref="McpConnectionOptions.MinSessions"/>, at least one) unless one
    /// is live; a connection from <see cref="Create"/> otherwise opens them on its first call. Concurrent callers wait
    /// for the same opening; after a failed one, the next call tries again.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for the opening (which goes on for the connection's other users).</param>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return _core.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the typed client for <typeparamref name="TClient"/>, an interface marked with
    /// <see cref="McpClientAttribute"/> whose proxy the McpSdk source generator wrote at build time.
    /// </summary>
    /// <exception cref="InvalidOperationException">No proxy was generated for <typeparamref name="TClient"/>.</exception>
    /// <exception cref="McpToolDriftException">
    /// <see cref="McpConnectionOptions.ValidateToolsOnConnect"/> is <see cref="McpToolValidation.Throw"/>, the connection
    /// is open, and <typeparamref name="TClient"/> does not match the server's tools.
    /// </exception>
    public TClient CreateClient<TClient>()
        where TClient : class
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        TClient client = McpClientRegistry.Create<TClient>(Invoker);
        _core.Validator?.OnClientCreated();
        return client;
    }

    /// <summary>
    /// Takes up an MCP task another connection (or an earlier process) started, given its id: over Streamable HTTP a
    /// task outlives the session and the connection that created it, so any connection to the same server may await,
    /// query or cancel it. Whether the server still knows the id is the server's decision (its TTL, and whether it ties
    /// tasks to sessions); an id it does not know fails the handle's requests with <see cref="McpTaskException"/>. No
    /// request is sent until the handle is used.
    /// </summary>
    /// <param name="toolName">The tool that created the task: its policies (<see cref="McpConnectionOptions.ToolPolicies"/>) admit the handle's requests.</param>
    /// <param name="taskId">The server's id for the task (<see cref="McpTask{TResult}.TaskId"/>).</param>
    /// <returns>A handle whose result is the tool's raw <see cref="CallToolResult"/> (an <c>isError</c> result raises <see cref="McpToolException"/>).</returns>
    /// <example>
    /// <code>
    /// McpTask&lt;CallToolResult&gt; task = connection.AttachTask("simulate-research-query", savedTaskId);
    /// CallToolResult report = await task;
    /// </code>
    /// </example>
    public McpTask<CallToolResult> AttachTask(string toolName, string taskId) => AttachTask(toolName, taskId, ToolResultReaders.Raw);

    /// <summary>Takes up an MCP task by id, as <see cref="AttachTask(string, string)"/>, reading its result with <paramref name="reader"/>.</summary>
    /// <typeparam name="TResult">The type the result is read into.</typeparam>
    /// <param name="toolName">The tool that created the task.</param>
    /// <param name="taskId">The server's id for the task.</param>
    /// <param name="reader">Reads the result, e.g. <see cref="ToolResultReaders.Text"/> or <see cref="ToolResultReaders.Json{T}"/>.</param>
    public McpTask<TResult> AttachTask<TResult>(string toolName, string taskId, ToolResultReader<TResult> reader)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentNullException.ThrowIfNull(reader);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return Invoker.AttachTask(toolName, taskId, reader);
    }

    /// <summary>
    /// Lists the server's tools and returns each as a Microsoft.Extensions.AI function, for servers nobody wrote an
    /// <c>[McpClient]</c> interface for. Each function's schema is the server's <c>inputSchema</c>; its calls go through this
    /// connection's scheduler, so connection-wide limits and <see cref="McpConnectionOptions.ToolPolicies"/> apply, and
    /// each invocation is one call in <see cref="GetStats"/>. For typed tools use the generated <c>AsAIFunctions()</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels listing.</param>
    public Task<IReadOnlyList<Microsoft.Extensions.AI.AIFunction>> GetAIFunctionsAsync(CancellationToken cancellationToken = default) =>
        GetAIFunctionsAsync(new McpAIFunctionOptions(), cancellationToken);

    /// <inheritdoc cref="GetAIFunctionsAsync(CancellationToken)"/>
    /// <param name="options">Function names and error handling.</param>
    /// <param name="cancellationToken">Cancels listing.</param>
    public Task<IReadOnlyList<Microsoft.Extensions.AI.AIFunction>> GetAIFunctionsAsync(McpAIFunctionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return Agents.ServerToolFunctions.CreateAsync(_core, Invoker, options, cancellationToken);
    }

    /// <summary>
    /// The connection's counters, per tool and in total, read without stopping calls. At every quiescent moment
    /// <c>Submitted == Succeeded + Failed + Cancelled</c>.
    /// </summary>
    public McpConnectionStats GetStats() => _core.GetStats();

    /// <summary>
    /// Ends every session (and, for stdio endpoints, every server process). Waiting calls fail with
    /// <see cref="ObjectDisposedException"/>; calls running fail with <see cref="McpSessionLostException"/>.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _core.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            LiveResourceCounters.ConnectionDisposed();
        }
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) != 0;
}
