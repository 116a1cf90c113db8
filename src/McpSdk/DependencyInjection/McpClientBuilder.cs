using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace McpSdk;

/// <summary>
/// Describes, for <see cref="McpServiceCollectionExtensions.AddMcpClient{TClient}"/>, which server a typed client
/// talks to and how. Interfaces registered with the same <see cref="ConnectionName"/> share one connection.
/// </summary>
public sealed class McpClientBuilder
{
    private readonly List<Action<IServiceProvider, McpConnectionOptions>> _configure = [];
    private readonly List<Action<McpOAuthOptions>> _oauth = [];

    internal McpClientBuilder(IServiceCollection services, string connectionName)
    {
        Services = services;
        ConnectionName = connectionName;
    }

    /// <summary>The container being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The connection's name: clients that name the same connection share it (and its sessions).</summary>
    public string ConnectionName { get; private set; }

    internal Func<IServiceProvider, McpEndpoint>? Endpoint { get; private set; }

    internal IReadOnlyList<Action<IServiceProvider, McpConnectionOptions>> Configure => _configure;

    /// <summary>Shares a named connection with other clients registered under the same name.</summary>
    public McpClientBuilder WithConnectionName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ConnectionName = name;
        return this;
    }

    /// <summary>A server started as a child process per session, over stdio.</summary>
    public McpClientBuilder UseStdio(string command, params string[] arguments)
    {
        McpEndpoint endpoint = McpEndpoint.Stdio(command, arguments);
        return UseEndpoint(_ => endpoint);
    }

    /// <summary>
    /// A server over Streamable HTTP, with an <see cref="System.Net.Http.HttpClient"/> from the container's
    /// <see cref="System.Net.Http.IHttpClientFactory"/>: a named client (the connection's name) with McpSdk's HTTP
    /// defaults, which the application may configure further with <c>services.AddHttpClient(name)</c>.
    /// </summary>
    public McpClientBuilder UseHttp(Uri uri, Action<McpHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        string clientName = "McpSdk." + ConnectionName;
        Services.AddHttpClient(clientName).AddMcpSdkHttpDefaults();
        return UseEndpoint(provider =>
        {
            var options = new McpHttpOptions
            {
                HttpClientFactory = provider.GetRequiredService<System.Net.Http.IHttpClientFactory>(),
                HttpClientName = clientName,
            };
            if (_oauth.Count > 0)
            {
                options.OAuth = new McpOAuthOptions { TimeProvider = provider.GetService<TimeProvider>() };
                foreach (Action<McpOAuthOptions> configureOAuth in _oauth)
                {
                    configureOAuth(options.OAuth);
                }
            }

            configure?.Invoke(options);
            return McpEndpoint.Http(uri, options);
        });
    }

    /// <summary>
    /// OAuth authorization for the <see cref="UseHttp"/> endpoint: client credentials or cross-app access for services,
    /// the authorization-code flow (a redirect URI and an <see cref="IMcpAuthorizationCallback"/>) for users. See
    /// <see cref="McpOAuthOptions"/>. The container's <see cref="TimeProvider"/>, if any, times token expiry.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddMcpClient&lt;ITools&gt;(mcp => mcp
    ///     .UseHttp(new Uri("https://tools.example.com/mcp"))
    ///     .WithOAuth(oauth =>
    ///     {
    ///         oauth.ClientId = "billing-service";
    ///         oauth.ClientSecret = configuration["Mcp:ClientSecret"];
    ///         oauth.ClientCredentials = new McpClientCredentialsOptions();
    ///     }));
    /// </code>
    /// </example>
    public McpClientBuilder WithOAuth(Action<McpOAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _oauth.Add(configure);
        return this;
    }

    /// <summary>Any endpoint, e.g. <see cref="McpEndpoint.InProcess"/>.</summary>
    public McpClientBuilder UseEndpoint(McpEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return UseEndpoint(_ => endpoint);
    }

    /// <summary>An endpoint built from the container's services.</summary>
    public McpClientBuilder UseEndpoint(Func<IServiceProvider, McpEndpoint> endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        return this;
    }

    /// <summary>
    /// Reads the connection from configuration, section <c>Mcp:Servers:{ConnectionName}</c>: its endpoint (<c>Stdio</c>
    /// or <c>Http</c>), session and limit settings, protocol version and per-tool policy overrides (<c>Tools</c>). A
    /// server defined as editors and desktop clients define it is read too, from <c>servers:{ConnectionName}</c> (a
    /// loaded <c>.vscode/mcp.json</c>) or <c>mcpServers:{ConnectionName}</c>. See docs/CONFIGURATION.md for the shapes. <paramref name="configuration"/> defaults to the container's <see cref="IConfiguration"/>.
    /// Settings made in code after this call win over configuration.
    /// </summary>
    public McpClientBuilder UseConfiguration(IConfiguration? configuration = null)
    {
        IConfiguration Resolve(IServiceProvider provider) => configuration ?? provider.GetRequiredService<IConfiguration>();
        if (Endpoint is null)
        {
            Endpoint = provider =>
            {
                IConfigurationSection section = McpConfiguration.Section(Resolve(provider), ConnectionName);
                return McpConfiguration.ReadEndpoint(Resolve(provider), section)
                    ?? throw new InvalidOperationException(
                        $"Configuration section '{section.Path}' names no endpoint: add 'Stdio' or 'Http' (or 'command' or 'url', as editors " +
                        "write it), or call UseStdio, UseHttp or UseEndpoint.");
            };
        }

        _configure.Add((provider, options) => McpConfiguration.ApplyOptions(McpConfiguration.Section(Resolve(provider), ConnectionName), options));
        return this;
    }

    /// <summary>
    /// Opens the connection's first sessions when the host starts, instead of on the first call: a server that cannot
    /// start then fails the application's start-up rather than its first request.
    /// </summary>
    public McpClientBuilder ConnectOnStart()
    {
        ConnectsOnStart = true;
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, McpConnectionsStarter>());
        return this;
    }

    internal bool ConnectsOnStart { get; private set; }

    /// <summary>The sessions the connection keeps and opens at most.</summary>
    public McpClientBuilder WithSessions(int min, int max) => ConfigureOptions(options =>
    {
        options.MinSessions = min;
        options.MaxSessions = max;
    });

    /// <summary>Sets any connection option.</summary>
    public McpClientBuilder ConfigureOptions(Action<McpConnectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add((_, options) => configure(options));
        return this;
    }

    /// <summary>Sets any connection option from the container's services.</summary>
    public McpClientBuilder ConfigureOptions(Action<IServiceProvider, McpConnectionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add(configure);
        return this;
    }
}
