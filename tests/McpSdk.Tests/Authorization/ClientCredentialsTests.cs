using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Authentication;
using Xunit;

namespace McpSdk.Tests.Authorization;

/// <summary>
/// The grants McpSdk runs itself, against <see cref="ProtectedMcpServer"/>: every MCP request needs a bearer token, the
/// first one is answered 401, and the client must discover the metadata, get a token and send the request again.
/// </summary>
public sealed class ClientCredentialsTests
{
    [Fact]
    public async Task Client_secret_basic_gets_a_token_after_the_first_401_and_the_call_succeeds()
    {
        await using var server = ProtectedMcpServer.Start(authMethods: ["client_secret_basic"]);
        await using McpConnection connection = await OpenAsync(server, Secret());

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal(["client_secret_basic"], server.ClientAuthentications);
        Assert.Equal(1, server.TokenRequests);
    }

    [Theory]
    [InlineData(McpSessionEngine.Lean)]
    [InlineData(McpSessionEngine.Sdk)]
    public async Task The_grant_runs_in_the_HTTP_pipeline_of_either_engine(McpSessionEngine engine)
    {
        await using var server = ProtectedMcpServer.Start(authMethods: ["client_secret_basic"]);
        await using McpConnection connection = await OpenAsync(server, Secret(), new McpConnectionOptions { Engine = engine });

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal("Echo: again", await connection.CreateClient<IEchoTools>().EchoAsync("again"));
        Assert.Equal(1, server.TokenRequests);
    }

    [Fact]
    public async Task Client_secret_post_is_chosen_when_the_server_offers_only_that()
    {
        await using var server = ProtectedMcpServer.Start(authMethods: ["client_secret_post"]);
        await using McpConnection connection = await OpenAsync(server, Secret());

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal(["client_secret_post"], server.ClientAuthentications);
    }

    [Fact]
    public async Task Private_key_jwt_signs_an_ES256_assertion_the_server_verifies_with_the_public_key()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = ProtectedMcpServer.Start(authMethods: ["private_key_jwt"], clientKey: key);
        await using McpConnection connection = await OpenAsync(server, PrivateKey(key.ExportPkcs8PrivateKeyPem()));

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal(["private_key_jwt ES256"], server.ClientAuthentications);
        Assert.Empty(server.Refusals);
    }

    [Fact]
    public async Task Private_key_jwt_signs_an_RS256_assertion_with_an_RSA_key()
    {
        using RSA key = RSA.Create(2048);
        await using var server = ProtectedMcpServer.Start(authMethods: ["private_key_jwt"], clientKey: key);
        await using McpConnection connection = await OpenAsync(server, PrivateKey(key.ExportPkcs8PrivateKeyPem()));

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal(["private_key_jwt RS256"], server.ClientAuthentications);
    }

    [Fact]
    public async Task A_private_key_wins_over_a_secret_when_the_server_offers_private_key_jwt()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var server = ProtectedMcpServer.Start(authMethods: ["client_secret_basic", "private_key_jwt"], clientKey: key);
        McpOAuthOptions options = Secret();
        options.ClientCredentials!.PrivateKeyPem = key.ExportPkcs8PrivateKeyPem();
        await using McpConnection connection = await OpenAsync(server, options);

        await connection.CreateClient<IEchoTools>().EchoAsync("hi");
        Assert.Equal(["private_key_jwt ES256"], server.ClientAuthentications);
    }

    [Fact]
    public async Task The_token_is_cached_for_later_calls_and_for_the_other_sessions_of_the_connection()
    {
        await using var server = ProtectedMcpServer.Start();
        await using McpConnection connection = await OpenAsync(server, Secret(), new McpConnectionOptions { MinSessions = 2, MaxSessions = 2 });
        IEchoTools tools = connection.CreateClient<IEchoTools>();

        // Both sessions opened at once, each with a first request before any token existed: one token served both.
        int unauthorized = server.Unauthorized;
        Assert.InRange(unauthorized, 1, 2);
        for (int i = 0; i < 5; i++)
        {
            await tools.EchoAsync("again");
        }

        Assert.Equal(2, connection.GetStats().Pool.Live);
        Assert.Equal(1, server.TokenRequests);
        Assert.Equal(unauthorized, server.Unauthorized);
        Assert.Equal(5, server.ToolCallsExecuted);
    }

    [Theory]
    [InlineData("on the OAuth options")]
    [InlineData("on the connection")] // the OAuth options name none: the connection's clock decides
    public async Task An_expired_token_is_replaced_before_the_next_request_without_a_401(string clockPlace)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = ProtectedMcpServer.Start(expiresIn: 600);
        McpOAuthOptions options = Secret();
        McpConnectionOptions connectionOptions = WithoutHealthChecks();
        if (clockPlace == "on the connection")
        {
            connectionOptions.TimeProvider = clock;
        }
        else
        {
            options.TimeProvider = clock;
        }

        await using McpConnection connection = await OpenAsync(server, options, connectionOptions);
        IEchoTools tools = connection.CreateClient<IEchoTools>();
        await tools.EchoAsync("first");
        Assert.Equal(1, server.TokenRequests);

        clock.Advance(TimeSpan.FromSeconds(500));
        await tools.EchoAsync("still valid");
        Assert.Equal(1, server.TokenRequests);

        clock.Advance(TimeSpan.FromSeconds(100)); // past expiry (600 s, renewed 30 s early)
        await tools.EchoAsync("renewed");
        Assert.Equal(2, server.TokenRequests);
        Assert.Equal(1, server.Unauthorized);
    }

    [Fact]
    public async Task A_token_acquisition_past_its_deadline_on_the_connections_clock_fails_with_an_authorization_error()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = ProtectedMcpServer.Start();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HoldTokenRequests = hold;
        McpConnectionOptions connectionOptions = WithoutHealthChecks();
        connectionOptions.TimeProvider = clock;
        Task<McpConnection> opening = OpenAsync(server, Secret(), connectionOptions);
        await server.TokenRequestArrived.Task;

        clock.Advance(TimeSpan.FromSeconds(60));
        hold.SetResult(); // the token endpoint answers, but only after the acquisition's deadline

        Exception error = await Assert.ThrowsAnyAsync<Exception>(async () => await (await opening).DisposeAsync());
        McpAuthorizationException timedOut = Assert.IsType<McpAuthorizationException>(FindAuthorizationError(error));
        Assert.Contains("took longer than 60 s", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_once_and_the_rejected_call_runs_exactly_once()
    {
        await using var server = ProtectedMcpServer.Start();
        await using McpConnection connection = await OpenAsync(server, Secret());
        IEchoTools tools = connection.CreateClient<IEchoTools>();
        await tools.EchoAsync("before");

        server.RevokeIssuedTokens();
        Assert.Equal("Echo: after", await tools.EchoAsync("after"));

        Assert.Equal(2, server.TokenRequests);
        Assert.Equal(3, server.ToolCallsReceived); // before, after (401), after again
        Assert.Equal(2, server.ToolCallsExecuted);
    }

    [Fact]
    public async Task A_second_401_is_not_retried_again()
    {
        await using var server = ProtectedMcpServer.Start();
        await using McpConnection connection = await OpenAsync(server, Secret());
        IEchoTools tools = connection.CreateClient<IEchoTools>();
        await tools.EchoAsync("before");

        server.RejectAllTokens = true;
        McpAuthorizationException refused = await Assert.ThrowsAsync<McpAuthorizationException>(() => tools.EchoAsync("rejected"));
        Assert.Equal("echo", refused.ToolName);
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        Assert.Equal(2, server.TokenRequests); // one new token after the first 401, none after the second
        Assert.Equal(3, server.ToolCallsReceived); // before, then the rejected call twice: sent, and once more
        Assert.Equal(1, server.ToolCallsExecuted);
    }

    [Fact]
    public async Task A_wrong_secret_fails_with_the_servers_reason_and_never_the_secret()
    {
        await using var server = ProtectedMcpServer.Start();
        McpOAuthOptions options = Secret();
        options.ClientSecret = "not-the-secret-Kq93";

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => OpenAsync(server, options));

        McpAuthorizationException refused = Assert.IsType<McpAuthorizationException>(FindAuthorizationError(error));
        Assert.Contains("invalid_client", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-Kq93", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cross_app_access_exchanges_the_users_ID_token_through_the_SDKs_provider()
    {
        await using var server = ProtectedMcpServer.Start(grantTypes: ["urn:ietf:params:oauth:grant-type:jwt-bearer"]);
        var options = new McpOAuthOptions
        {
            CrossAppAccess = new IdentityAssertionGrantProviderOptions
            {
                ClientId = ProtectedMcpServer.ClientId,
                ClientSecret = ProtectedMcpServer.ClientSecret,
                IdpClientId = ProtectedMcpServer.IdpClientId,
                IdpTokenEndpoint = server.Issuer + "/idp/token",
                IdTokenCallback = (_, _) => Task.FromResult(ProtectedMcpServer.IdToken),
            },
        };
        await using McpConnection connection = await OpenAsync(server, options);

        Assert.Equal("Echo: hi", await connection.CreateClient<IEchoTools>().EchoAsync("hi"));
        Assert.Equal(1, server.TokenExchanges);
        Assert.Equal(["client_secret_basic"], server.ClientAuthentications);
        Assert.Empty(server.Refusals);
    }

    [Fact]
    public async Task WithOAuth_in_dependency_injection_puts_the_grant_in_the_named_clients_pipeline()
    {
        await using var server = ProtectedMcpServer.Start(authMethods: ["client_secret_post"]);
        var services = new ServiceCollection();
        services.AddMcpClient<IEchoTools>(mcp => mcp
            .UseHttp(server.McpUri)
            .WithOAuth(oauth =>
            {
                oauth.ClientId = ProtectedMcpServer.ClientId;
                oauth.ClientSecret = ProtectedMcpServer.ClientSecret;
                oauth.ClientCredentials = new McpClientCredentialsOptions();
            }));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("Echo: di", await provider.GetRequiredService<IEchoTools>().EchoAsync("di"));
        Assert.Equal(["client_secret_post"], server.ClientAuthentications);
    }

    [Fact]
    public async Task Without_a_grant_the_server_offers_the_401_reaches_the_caller()
    {
        await using var server = ProtectedMcpServer.Start(grantTypes: ["authorization_code"]);

        await Assert.ThrowsAnyAsync<Exception>(() => OpenAsync(server, Secret()));

        Assert.Equal(0, server.TokenRequests);
    }

    // The pool's pings and idle trim run on the connection's clock too: out of the way of a test that moves it by minutes.
    private static McpConnectionOptions WithoutHealthChecks() =>
        new() { HealthCheckInterval = TimeSpan.FromDays(1), SessionIdleTimeout = TimeSpan.FromDays(1) };

    internal static McpOAuthOptions Secret() => new()
    {
        ClientId = ProtectedMcpServer.ClientId,
        ClientSecret = ProtectedMcpServer.ClientSecret,
        ClientCredentials = new McpClientCredentialsOptions(),
    };

    private static McpOAuthOptions PrivateKey(string pem) => new()
    {
        ClientId = ProtectedMcpServer.ClientId,
        ClientCredentials = new McpClientCredentialsOptions { PrivateKeyPem = pem },
    };

    internal static Task<McpConnection> OpenAsync(ProtectedMcpServer server, McpOAuthOptions oauth, McpConnectionOptions? options = null) =>
        McpConnection.OpenAsync(McpEndpoint.Http(server.McpUri, new McpHttpOptions { OAuth = oauth }), options ?? new McpConnectionOptions());

    private static Exception? FindAuthorizationError(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is McpAuthorizationException)
            {
                return error;
            }

            if (error is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindAuthorizationError).FirstOrDefault(found => found is not null);
            }
        }

        return null;
    }
}
