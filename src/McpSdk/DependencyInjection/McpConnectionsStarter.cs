using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace McpSdk;

/// <summary>Opens, at host start, the connections whose builders asked for it with <see cref="McpClientBuilder.ConnectOnStart"/>.</summary>
internal sealed class McpConnectionsStarter(McpConnections connections, IEnumerable<McpClientBuilder> builders) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(builders
            .Where(builder => builder.ConnectsOnStart)
            .Select(builder => builder.ConnectionName)
            .Distinct()
            .Select(name => connections.Get(name).ConnectAsync(cancellationToken)));

    // The container disposes the connections; stopping has nothing of its own to do.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
