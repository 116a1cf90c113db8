using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>
/// Keeps OAuth tokens between requests, sessions and (for a persistent implementation) runs of the process. A key names
/// the endpoint and the grant, e.g. <c>client_credentials https://tools.example.com/mcp</c>. Entries hold access and
/// refresh tokens and may hold dynamically registered client credentials: store them as the secrets they are.
/// </summary>
public interface IMcpTokenCache
{
    /// <summary>The tokens stored under <paramref name="key"/>, or <see langword="null"/>.</summary>
    ValueTask<TokenContainer?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) the tokens under <paramref name="key"/>.</summary>
    ValueTask StoreAsync(string key, TokenContainer tokens, CancellationToken cancellationToken);

    /// <summary>Forgets the tokens under <paramref name="key"/>, e.g. after the server rejected them.</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken);
}
