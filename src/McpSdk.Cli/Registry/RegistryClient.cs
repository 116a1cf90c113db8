using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Cli.Registry.Model;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using Refit;

namespace McpSdk.Cli.Registry;

/// <summary>
/// Reads one MCP registry: <see cref="IMcpRegistryApi"/> from <c>IHttpClientFactory</c> with the standard resilience
/// handler (GETs only, so its retries are safe), failures turned into <see cref="RegistryException"/>s that name the
/// registry and say what to do.
/// </summary>
internal sealed class RegistryClient : IAsyncDisposable
{
    /// <summary>The official registry; editors' MCP galleries take the same base URL, without the <c>/v0</c>.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://registry.modelcontextprotocol.io");

    private readonly ServiceProvider _services;
    private readonly IMcpRegistryApi _api;

    public RegistryClient(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        var services = new ServiceCollection();

        // The generated client with the source-generated JSON context: no reflection, in request building or in JSON.
        services.AddRefitGeneratedClient<IMcpRegistryApi>(RegistryJsonContext.Default)
            .ConfigureHttpClient(http => http.BaseAddress = baseUrl)
            .AddStandardResilienceHandler(resilience =>
            {
                // Someone is waiting at a prompt: two quick retries of a transient failure, not the default's three
                // exponential ones (up to ~14 s before a wrong --registry-url is reported).
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(250);
            });
        _services = services.BuildServiceProvider();
        _api = _services.GetRequiredService<IMcpRegistryApi>();
    }

    public Uri BaseUrl { get; }

    /// <summary>The latest version of each server whose name contains <paramref name="text"/>, at most <paramref name="limit"/>.</summary>
    /// <returns>The servers, and whether the registry has more.</returns>
    public async Task<(IReadOnlyList<RegistryServerResponse> Servers, bool More)> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        RegistryServerList page = await CallAsync(
            $"search for '{text}'",
            () => _api.ListServersAsync(text, limit, cursor: null, RegistryReference.Latest, cancellationToken)).ConfigureAwait(false);
        return (page.Servers, !string.IsNullOrEmpty(page.Metadata?.NextCursor));
    }

    /// <summary>The <c>server.json</c> of <paramref name="reference"/> (its latest version when it names none).</summary>
    public async Task<ServerJson> GetAsync(RegistryReference reference, CancellationToken cancellationToken)
    {
        RegistryServerResponse response = await CallAsync(
            $"server '{reference}'",
            () => _api.GetServerVersionAsync(reference.Name, reference.Version ?? RegistryReference.Latest, cancellationToken)).ConfigureAwait(false);
        return response.Server;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ApiException failure) when (failure.StatusCode == HttpStatusCode.NotFound)
        {
            throw new RegistryException(
                $"The MCP registry at {BaseUrl} has no {what}. Find the exact name (and versions) with 'mcpsdk search <text>'.", failure);
        }
        catch (ApiException failure) when (failure.InnerException is JsonException json)
        {
            throw new RegistryException(
                $"The MCP registry at {BaseUrl} answered the {what} with JSON mcpsdk cannot read ({json.Message}). " +
                "Is --registry-url the base URL of an MCP registry (the part before /v0)?", failure);
        }
        catch (ApiException failure)
        {
            throw new RegistryException(
                $"The MCP registry at {BaseUrl} answered the {what} with {(int)failure.StatusCode} {failure.ReasonPhrase}. " +
                "Check --registry-url (the part before /v0), or try again later.", failure);
        }
        catch (ApiRequestException failure) when (failure.InnerException is TimeoutRejectedException timeout)
        {
            throw new RegistryException(
                $"The MCP registry at {BaseUrl} did not answer the {what} in time ({timeout.Timeout.TotalSeconds:0} s). Try again later.", failure);
        }
        catch (ApiRequestException failure)
        {
            // Refit wraps what HttpClient threw (refused, name not resolved, TLS) after the resilience handler's retries.
            throw new RegistryException(
                $"Could not reach the MCP registry at {BaseUrl} for the {what}: {failure.InnerException?.Message ?? failure.Message} " +
                "Check --registry-url and the network.", failure);
        }
    }
}
