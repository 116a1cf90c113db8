using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>
/// Keeps OAuth tokens between requests, sessions and (for a persistent implementation) runs of the process. A key names
/// the flow and the endpoint: <c>authorization_code https://tools.example.com/mcp</c> for the official SDK's flow,
/// <c>grant https://tools.example.com/mcp</c> for client credentials and cross-app access. Entries hold access and
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
