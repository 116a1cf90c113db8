using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk.Authorization;

/// <summary>One entry of an <see cref="IMcpTokenCache"/> seen as the official SDK's <see cref="ITokenCache"/>.</summary>
internal sealed class SdkTokenCache(IMcpTokenCache cache, string key) : ITokenCache
{
    public ValueTask StoreTokensAsync(TokenContainer tokens, CancellationToken cancellationToken) => cache.StoreAsync(key, tokens, cancellationToken);

    public ValueTask<TokenContainer?> GetTokensAsync(CancellationToken cancellationToken) => cache.GetAsync(key, cancellationToken);
}
