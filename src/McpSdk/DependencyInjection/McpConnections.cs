using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpSdk;

/// <summary>
/// The container's MCP connections, one per connection name, created on first use and disposed with the container.
/// Inject it to reach a connection's statistics, or to open it up front with <see cref="McpConnection.ConnectAsync"/>.
/// </summary>
public sealed class McpConnections : IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyDictionary<string, McpClientBuilder> _builders;
    private readonly ConcurrentDictionary<string, Lazy<McpConnection>> _connections = new(StringComparer.Ordinal);
    private bool _disposed;

    internal McpConnections(IServiceProvider services, IEnumerable<McpClientBuilder> builders)
    {
        _services = services;
        _builders = builders.GroupBy(builder => builder.ConnectionName).ToDictionary(group => group.Key, group => group.Last());
    }

    /// <summary>The names of the configured connections.</summary>
    public IEnumerable<string> Names => _builders.Keys;

    /// <summary>The connection named <paramref name="name"/>; its sessions open on its first call.</summary>
    public McpConnection Get(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_builders.ContainsKey(name))
        {
            throw new InvalidOperationException($"No MCP connection named '{name}' is registered; register it with services.AddMcpClient<T>(mcp => mcp.WithConnectionName(\"{name}\")...).");
        }

        return _connections.GetOrAdd(name, key => new Lazy<McpConnection>(() => CreateConnection(_builders[key]))).Value;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (Lazy<McpConnection> connection in _connections.Values.Where(lazy => lazy.IsValueCreated))
        {
            await connection.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    private McpConnection CreateConnection(McpClientBuilder builder)
    {
        var options = new McpConnectionOptions
        {
            LoggerFactory = _services.GetService<ILoggerFactory>(),
            TimeProvider = _services.GetService<TimeProvider>() ?? TimeProvider.System,
        };
        foreach (Action<IServiceProvider, McpConnectionOptions> configure in builder.Configure)
        {
            configure(_services, options);
        }

        McpEndpoint endpoint = builder.Endpoint?.Invoke(_services)
            ?? throw new InvalidOperationException($"The MCP connection '{builder.ConnectionName}' has no endpoint; call UseStdio, UseHttp or UseEndpoint on its builder.");
        return McpConnection.Create(endpoint, options);
    }
}
