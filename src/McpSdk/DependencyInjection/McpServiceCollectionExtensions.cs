using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSdk;

/// <summary>Registers typed MCP clients in a dependency-injection container.</summary>
/// <example>
/// <code>
/// services.AddMcpClient&lt;IEverythingTools&gt;(mcp => mcp
///     .UseHttp(new Uri("https://tools.example.com/mcp"))
///     .WithSessions(min: 1, max: 8));
/// // then inject IEverythingTools anywhere
/// </code>
/// </example>
public static class McpServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> (an <see cref="McpClientAttribute"/> interface) as a singleton whose
    /// calls go over a connection described by <paramref name="configure"/>. The connection is shared by every
    /// client registered under the same connection name (by default the interface's name), opens its sessions on the
    /// first call, and is disposed with the container.
    /// </summary>
    public static McpClientBuilder AddMcpClient<TClient>(this IServiceCollection services, Action<McpClientBuilder> configure)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var builder = new McpClientBuilder(services, typeof(TClient).Name);
        configure(builder);
        services.AddSingleton(builder);
        services.TryAddSingleton(provider => new McpConnections(provider, provider.GetServices<McpClientBuilder>()));
        string name = builder.ConnectionName;
        services.AddSingleton(provider => provider.GetRequiredService<McpConnections>().Get(name).CreateClient<TClient>());
        return builder;
    }
}
