using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace McpSdk.Benchmarks;

/// <summary>
/// What an HTTP client pipeline costs per request above the socket handler, the rest being equal: each client sends
/// to the same in-memory handler, which answers after a thread-pool hop (as a socket would). Baseline: a plain
/// <see cref="HttpClient"/> over it, what the official SDK uses on its own. The McpSdk defaults retry connects in the
/// socket handler's connect callback, which an open connection never reaches, so here they show the per-request part
/// only; "connect retry as a resilience handler" is what they were before (issue "Pooled transport").
/// </summary>
[MemoryDiagnoser]
public class HttpPipelineBenchmarks : IDisposable
{
    private static readonly Uri s_uri = new("http://127.0.0.1/mcp");
    private readonly ServiceProvider _services;
    private readonly HttpClient _plain = new(new InMemoryHandler());
    private readonly HttpClient _factoryDefault;
    private readonly HttpClient _mcpSdkDefaults;
    private readonly HttpClient _resilienceHandler;

    public HttpPipelineBenchmarks()
    {
        var services = new ServiceCollection();
        services.AddHttpClient("factory-default").ConfigurePrimaryHttpMessageHandler(static () => new InMemoryHandler());
        services.AddHttpClient("mcpsdk").AddMcpSdkHttpDefaults().ConfigurePrimaryHttpMessageHandler(static () => new InMemoryHandler());
        services.AddHttpClient("resilience")
            .ConfigurePrimaryHttpMessageHandler(static () => new InMemoryHandler())
            .AddResilienceHandler("connect-retry", static pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }),
            }));
        _services = services.BuildServiceProvider();
        var factory = _services.GetRequiredService<IHttpClientFactory>();
        _factoryDefault = factory.CreateClient("factory-default");
        _mcpSdkDefaults = factory.CreateClient("mcpsdk");
        _resilienceHandler = factory.CreateClient("resilience");
    }

    [Benchmark(Baseline = true, Description = "plain HttpClient (the SDK's own)")]
    public Task Plain() => SendAsync(_plain);

    [Benchmark(Description = "IHttpClientFactory default (logging handlers)")]
    public Task FactoryDefault() => SendAsync(_factoryDefault);

    [Benchmark(Description = "McpSdk defaults (AddMcpSdkHttpDefaults)")]
    public Task McpSdkDefaults() => SendAsync(_mcpSdkDefaults);

    [Benchmark(Description = "factory default + connect retry as a resilience handler")]
    public Task ResilienceHandler() => SendAsync(_resilienceHandler);

    private static async Task SendAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, s_uri);
        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _plain.Dispose();
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Answers 200 after a thread-pool hop, as a response read from a socket completes asynchronously.</summary>
    private sealed class InMemoryHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
