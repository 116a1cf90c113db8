using System;
using System.Collections.Generic;
using System.Linq;
using McpSdk.Endpoints;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

namespace McpSdk;

/// <summary>
/// Where an <see cref="McpConnection"/> finds its server. An endpoint is a recipe, not a connection: every
/// session the connection opens asks it for a fresh transport.
/// </summary>
public abstract class McpEndpoint
{
    private protected McpEndpoint()
    {
    }

    /// <summary>A short description for logs and messages (never contains secrets).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// A server started as a child process that speaks MCP over its standard input and output. Each session
    /// starts its own process. Arguments are passed as an argument vector, never through a shell.
    /// </summary>
    /// <param name="command">The program to start, e.g. <c>node</c> or <c>npx</c>.</param>
    /// <param name="arguments">Its arguments, each passed as is.</param>
    public static McpEndpoint Stdio(string command, params string[] arguments) =>
        Stdio(command, arguments, environment: null, workingDirectory: null);

    /// <summary>A stdio server with an explicit environment and working directory.</summary>
    /// <param name="command">The program to start.</param>
    /// <param name="arguments">Its arguments, each passed as is.</param>
    /// <param name="environment">Variables to set (a <see langword="null"/> value removes one), or <see langword="null"/>.</param>
    /// <param name="workingDirectory">The process's working directory, or <see langword="null"/> for the current one.</param>
    public static McpEndpoint Stdio(
        string command, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(arguments);
        return new StdioEndpoint(command, arguments.ToArray(), environment, workingDirectory);
    }

    /// <summary>
    /// A server defined in an editor's <c>.vscode/mcp.json</c> or a desktop client's <c>mcpServers</c> file, read as it
    /// is (see <see cref="McpServersFile"/>): one file serves the editor and the application.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="serverName">The server's key in it.</param>
    /// <param name="inputs">Values for its <c>${input:id}</c> placeholders, by id.</param>
    public static McpEndpoint FromServersFile(string path, string serverName, IReadOnlyDictionary<string, string>? inputs = null) =>
        McpServersFile.Load(path).CreateEndpoint(serverName, inputs);

    /// <summary>
    /// A server reached over HTTP: Streamable HTTP by default, falling back to legacy SSE. Each session is its own
    /// HTTP session; an expired one (HTTP 404 for its session id) is replaced by the pool.
    /// </summary>
    /// <param name="uri">The server's MCP endpoint, e.g. <c>https://tools.example.com/mcp</c>.</param>
    /// <param name="options">The HTTP client, headers and transport mode; <see langword="null"/> for the defaults.</param>
    public static McpEndpoint Http(Uri uri, McpHttpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"An MCP HTTP endpoint needs an absolute http or https URI; got '{uri.GetLeftPart(UriPartial.Path)}'.", nameof(uri));
        }

        return new HttpEndpoint(uri, options ?? new McpHttpOptions());
    }

    /// <summary>
    /// A custom transport: <paramref name="transportFactory"/> is called once per session and must return a new,
    /// unconnected transport each time.
    /// </summary>
    /// <param name="transportFactory">Creates one transport per session.</param>
    /// <param name="name">A description for logs.</param>
    public static McpEndpoint FromTransport(Func<IClientTransport> transportFactory, string name = "custom transport")
    {
        ArgumentNullException.ThrowIfNull(transportFactory);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new TransportEndpoint(transportFactory, name);
    }

    /// <summary>
    /// A server hosted in this process with the official SDK, connected by in-memory pipes: no child process,
    /// no sockets. Each session gets its own server instance, which stops when the session ends.
    /// </summary>
    /// <param name="serverOptions">Creates the server's options (tools, handlers) for each session.</param>
    /// <param name="name">A description for logs.</param>
    public static McpEndpoint InProcess(Func<McpServerOptions> serverOptions, string name = "in-process server")
    {
        ArgumentNullException.ThrowIfNull(serverOptions);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new InProcessEndpoint(serverOptions, name);
    }

    /// <summary>Creates the transport for one new session; <paramref name="timeProvider"/> is the connection's clock.</summary>
    internal abstract EndpointTransport CreateTransport(ILoggerFactory loggerFactory, TimeProvider timeProvider);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
