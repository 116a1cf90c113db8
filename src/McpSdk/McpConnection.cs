using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Invocation;
using McpSdk.Scheduling;
using McpSdk.Sessions;
using McpSdk.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    private readonly PriorityScheduler _scheduler;
    private int _disposed;

    internal McpConnection(McpEndpoint endpoint, McpConnectionOptions options, Func<CancellationToken, Task<IMcpSession>> connect)
    {
        Endpoint = endpoint;
        Options = options;
        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("McpSdk.SessionPool");
        ToolValidator = options.ValidateToolsOnConnect == McpToolValidation.None
            ? null
            : new ToolValidator(options.ValidateToolsOnConnect, endpoint.Name, (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("McpSdk.ToolValidation"));

        // Until a session is open nothing can run; the pool publishes its capacity as sessions come and go.
        _scheduler = new PriorityScheduler(options.MaxConcurrency, options.QueueLimit, options.PriorityAgingAdmissions, options.TimeProvider);
        _scheduler.SetCapacity(0);
        Pool = new SessionPool(
            connect,
            endpoint.Name,
            options,
            logger,
            capacity => _scheduler.SetCapacity(capacity),
            failure => _scheduler.FailWaiting(tool => failure is McpToolDriftException drift
                ? new McpToolDriftException(drift.EndpointName, drift.Drifts)
                : new McpSessionLostException(tool, "no session to the server could be opened: " + failure.Message, failure)));
        Invoker = new ToolInvoker(
            this, _scheduler, options.TimeProvider, (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("McpSdk.ToolInvoker"));
        LiveResourceCounters.ConnectionCreated();
    }

    /// <summary>A connection over a session that is already open (tests and benchmarks bring their own).</summary>
    internal McpConnection(McpEndpoint endpoint, McpConnectionOptions options, IMcpSession session)
        : this(endpoint, options, _ => Task.FromException<IMcpSession>(new InvalidOperationException("This connection has exactly the one session it was given.")))
    {
        Pool.AddOpened(session);
    }

    /// <summary>The endpoint this connection opens sessions to.</summary>
    public McpEndpoint Endpoint { get; }

    /// <summary>The settings the connection was opened with.</summary>
    public McpConnectionOptions Options { get; }

    internal ToolInvoker Invoker { get; }

    internal SessionPool Pool { get; }

    /// <summary>Compares the bound tool methods with the server's tools; <see langword="null"/> unless validation is on.</summary>
    internal ToolValidator? ToolValidator { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

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
            await connection.Pool.StartAsync(cancellationToken).ConfigureAwait(false);
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
        McpConnection? connection = null;
        connection = new McpConnection(
            endpoint,
            options,
            async token => await connection!.ConnectSessionAsync(loggerFactory, token).ConfigureAwait(false));
        return connection;
    }

    /// <summary>Opens one session; the first one also lists the server's tools when validation is on.</summary>
    private async Task<IMcpSession> ConnectSessionAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ToolValidator?.ThrowIfFailed();
        SdkSession session = await SdkSession.ConnectAsync(Endpoint, Options, loggerFactory, cancellationToken).ConfigureAwait(false);
        if (ToolValidator is { NeedsServerTools: true } validator)
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
    /// Opens the connection's first sessions now (<see cref="McpConnectionOptions.MinSessions"/>, at least one) if none
    /// is open yet; a connection from <see cref="Create"/> otherwise opens them on its first call.
    /// </summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        McpPoolStats pool = Pool.Snapshot();
        return pool.Live + pool.Starting > 0 ? Task.CompletedTask : Pool.StartAsync(cancellationToken);
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
        ToolValidator?.OnClientCreated();
        return client;
    }

    /// <summary>
    /// The connection's counters, per tool and in total, read without stopping calls. At every quiescent moment
    /// <c>Submitted == Succeeded + Failed + Cancelled</c>.
    /// </summary>
    public McpConnectionStats GetStats()
    {
        var tools = new Dictionary<string, McpToolStats>(StringComparer.Ordinal);
        long[] buckets = LatencyHistogram.CreateBuckets();
        long count = 0, sum = 0;
        McpToolStats total = new() { Queued = McpQueuedCounts.Empty };
        foreach (ToolGate gate in _scheduler.Gates)
        {
            McpToolStats tool = gate.Snapshot();
            tools[gate.ToolName] = tool;
            gate.Statistics.Latency.AddTo(buckets, ref count, ref sum);
            total = total with
            {
                Submitted = total.Submitted + tool.Submitted,
                Succeeded = total.Succeeded + tool.Succeeded,
                Failed = total.Failed + tool.Failed,
                Cancelled = total.Cancelled + tool.Cancelled,
                Rejected = total.Rejected + tool.Rejected,
                TimedOut = total.TimedOut + tool.TimedOut,
                Retried = total.Retried + tool.Retried,
                InFlight = total.InFlight + tool.InFlight,
                Queued = new McpQueuedCounts(
                    total.Queued.Critical + tool.Queued.Critical,
                    total.Queued.High + tool.Queued.High,
                    total.Queued.Normal + tool.Queued.Normal,
                    total.Queued.Low + tool.Queued.Low),
            };
        }

        return new McpConnectionStats(total with { Latency = LatencyHistogram.Summarise(buckets, count, sum) }, tools)
        {
            Pool = Pool.Snapshot(),
        };
    }

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
            _scheduler.Dispose();
            await Pool.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            LiveResourceCounters.ConnectionDisposed();
        }
    }

    /// <summary>The session for an admitted call: the least-loaded live one, now counting the call.</summary>
    internal PooledSession RouteCall(ToolMethod method)
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(nameof(McpConnection), $"The MCP connection to '{Endpoint.Name}' was disposed; tool '{method.ToolName}' cannot be called.");
        }

        return Pool.Route()
            ?? throw new McpSessionLostException(method.ToolName, "no live session: the last one ended before the call could start");
    }

    /// <summary>A call had to wait: if it waits for session capacity, let the pool grow.</summary>
    internal void OnCallQueued()
    {
        if (_scheduler.Waiting > 0 && _scheduler.InFlight >= _scheduler.Limit)
        {
            Pool.RequestCapacity(_scheduler.Waiting);
        }
    }
}
