using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace McpSdk.Tests.Endpoints;

/// <summary>
/// <see cref="McpHttpClientBuilderExtensions.AddMcpSdkHttpDefaults"/> retries a request only when it never left: a failure
/// to connect. Anything else may have reached the server (a tools/call POST must not run twice), so it is not retried.
/// </summary>
public sealed class HttpDefaultsRetryTests
{
    [Fact]
    public async Task A_failure_to_connect_is_retried_until_the_connection_opens()
    {
        var primary = new ScriptedHandler(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"),
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        HttpResponseMessage response = await SendAsync(primary, connectAttempts: 3);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, primary.Sends);
    }

    [Fact]
    public async Task Connect_retries_stop_after_the_configured_attempts()
    {
        var primary = new ScriptedHandler(
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"),
            new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(primary, connectAttempts: 2));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(2, primary.Sends);
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.Unknown)]
    [InlineData(HttpRequestError.InvalidResponse)]
    public async Task A_request_that_may_have_reached_the_server_is_sent_once(HttpRequestError kind)
    {
        var primary = new ScriptedHandler(new HttpRequestException(kind, "Connection reset by peer"));

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(primary, connectAttempts: 3));

        Assert.Equal(1, primary.Sends);
    }

    [Fact]
    public async Task An_error_status_is_returned_as_is_and_not_retried()
    {
        var primary = new ScriptedHandler(HttpStatusCode.InternalServerError);

        HttpResponseMessage response = await SendAsync(primary, connectAttempts: 3);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, primary.Sends);
    }

    private static async Task<HttpResponseMessage> SendAsync(ScriptedHandler primary, int connectAttempts)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("retry-test")
            .AddMcpSdkHttpDefaults(connectAttempts)
            .ConfigurePrimaryHttpMessageHandler(() => primary);
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("retry-test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}""", Encoding.UTF8, "application/json"),
        };
        return await client.SendAsync(request);
    }

    /// <summary>Fails with the given outcomes in order, then answers 200 (or the given status).</summary>
    private sealed class ScriptedHandler : HttpMessageHandler
    {
        private readonly object[] _outcomes;
        private int _sends;

        public ScriptedHandler(params object[] outcomes) => _outcomes = outcomes;

        public int Sends => Volatile.Read(ref _sends);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int send = Interlocked.Increment(ref _sends) - 1;
            object outcome = send < _outcomes.Length ? _outcomes[send] : HttpStatusCode.OK;
            return outcome is Exception exception
                ? Task.FromException<HttpResponseMessage>(exception)
                : Task.FromResult(new HttpResponseMessage((HttpStatusCode)outcome));
        }
    }
}
