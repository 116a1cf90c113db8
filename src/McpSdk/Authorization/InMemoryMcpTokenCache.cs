using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>The default <see cref="IMcpTokenCache"/>: tokens in memory, for the life of the instance.</summary>
public sealed class InMemoryMcpTokenCache : IMcpTokenCache
{
    private readonly ConcurrentDictionary<string, TokenContainer> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<TokenContainer?> GetAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_entries.TryGetValue(key, out TokenContainer? tokens) ? tokens : null);

    /// <inheritdoc/>
    public ValueTask StoreAsync(string key, TokenContainer tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _entries[key] = tokens;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
    {
        _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
