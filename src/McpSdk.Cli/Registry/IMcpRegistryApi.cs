using System.Threading;
using System.Threading.Tasks;
using McpSdk.Cli.Registry.Model;
using Refit;

namespace McpSdk.Cli.Registry;

/// <summary>
/// The MCP Registry's read API (v0), as the official registry at https://registry.modelcontextprotocol.io and
/// registries implementing the same OpenAPI serve it. Refit writes the implementation at build time.
/// </summary>
internal interface IMcpRegistryApi
{
    /// <summary><c>GET /v0/servers</c>: a page of servers whose names contain <paramref name="search"/>.</summary>
    /// <param name="search">Substring of the server name; null lists every server.</param>
    /// <param name="limit">Page size.</param>
    /// <param name="cursor">The previous page's <c>metadata.nextCursor</c>; null for the first page.</param>
    /// <param name="version"><c>latest</c> for one entry per server, or an exact version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get("/v0/servers")]
    Task<RegistryServerList> ListServersAsync(
        string? search, int? limit, string? cursor, string? version, CancellationToken cancellationToken);

    /// <summary><c>GET /v0/servers/{name}/versions/{version}</c>: one version's <c>server.json</c>.</summary>
    /// <param name="name">The server's name, e.g. <c>io.github.user/weather</c>; Refit escapes its slash.</param>
    /// <param name="version">An exact version, or <c>latest</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Get("/v0/servers/{name}/versions/{version}")]
    Task<RegistryServerResponse> GetServerVersionAsync(string name, string version, CancellationToken cancellationToken);
}
