using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Authentication;
using Xunit;

namespace McpSdk.Tests.Authorization;

/// <summary>The two ready authorization steps of the authorization-code flow, against an authorization endpoint that approves at once.</summary>
public sealed class AuthorizationCallbackTests
{
    [Fact]
    public async Task The_headless_callback_reads_code_state_and_issuer_from_the_redirect_without_following_it()
    {
        await using var server = ProtectedMcpServer.Start();
        var redirect = new Uri("http://127.0.0.1:1/never-contacted");

        AuthorizationResult? result = await new HeadlessAuthorizationCallback().AuthorizeAsync(Context(server, redirect), CancellationToken.None);

        AssertApproved(server, result);
    }

    [Fact]
    public async Task The_loopback_callback_listens_on_the_redirect_URI_while_the_browser_goes_through_the_authorization_server()
    {
        await using var server = ProtectedMcpServer.Start();
        var redirect = new Uri($"http://127.0.0.1:{FreePort()}/callback");
        using var browser = new HttpClient();
        Task<string>? page = null;

        // The "browser": follows the authorization server's redirect back to the loopback listener.
        var callback = new LoopbackAuthorizationCallback((uri, token) =>
        {
            page = browser.GetStringAsync(uri, token);
            return Task.CompletedTask;
        });
        AuthorizationResult? result = await callback.AuthorizeAsync(Context(server, redirect), CancellationToken.None);

        Assert.Contains("You can close this window", await page!, StringComparison.Ordinal);

        AssertApproved(server, result);
    }

    [Fact]
    public async Task The_authorization_code_flow_registers_sends_the_browser_through_the_loopback_and_calls_with_the_token()
    {
        await using var server = ProtectedMcpServer.Start(grantTypes: ["authorization_code"], authMethods: ["none"]);
        using var browser = new HttpClient();
        var oauth = new McpOAuthOptions
        {
            RedirectUri = new Uri($"http://127.0.0.1:{FreePort()}/callback"),
            AuthorizationCallback = new LoopbackAuthorizationCallback((uri, token) =>
            {
                _ = browser.GetStringAsync(uri, token); // the browser: comes back to the listener on its own
                return Task.CompletedTask;
            }),
        };
        var endpoint = McpEndpoint.Http(server.McpUri, new McpHttpOptions { OAuth = oauth });

        await using (McpConnection connection = await McpConnection.OpenAsync(endpoint))
        {
            Assert.Equal("Echo: user", await connection.CreateClient<IEchoTools>().EchoAsync("user"));
        }

        // A new connection to the same endpoint finds the token (and the registered client) in the endpoint's cache.
        await using (McpConnection again = await McpConnection.OpenAsync(endpoint))
        {
            await again.CreateClient<IEchoTools>().EchoAsync("again");
        }

        Assert.Equal(1, server.Registrations);
        Assert.Equal(1, server.Authorizations);
        Assert.Equal(["none"], server.ClientAuthentications);
        Assert.Empty(server.Refusals);
    }

    [Fact]
    public async Task The_loopback_callback_gives_up_after_its_timeout()
    {
        var callback = new LoopbackAuthorizationCallback((_, _) => Task.CompletedTask) { Timeout = TimeSpan.FromMilliseconds(200) };
        var context = new AuthorizationCallbackContext
        {
            AuthorizationUri = new Uri("http://127.0.0.1:1/authorize"),
            RedirectUri = new Uri($"http://127.0.0.1:{FreePort()}/callback"),
        };

        await Assert.ThrowsAsync<TimeoutException>(() => callback.AuthorizeAsync(context, CancellationToken.None));
    }

    [Fact]
    public async Task The_loopback_callbacks_timeout_runs_on_its_time_provider()
    {
        var clock = new FakeTimeProvider();
        var redirect = new Uri($"http://127.0.0.1:{FreePort()}/callback");
        Task late = Task.CompletedTask;
        var callback = new LoopbackAuthorizationCallback((_, _) =>
        {
            clock.Advance(TimeSpan.FromMinutes(5));

            // The browser comes back, but only after the timeout: the listener must already have given up.
            late = RedirectQuietlyAsync(new Uri(redirect, "?code=the-code&state=s"));
            return Task.CompletedTask;
        })
        { TimeProvider = clock };
        var context = new AuthorizationCallbackContext { AuthorizationUri = new Uri("http://127.0.0.1:1/authorize"), RedirectUri = redirect };

        await Assert.ThrowsAsync<TimeoutException>(() => callback.AuthorizeAsync(context, CancellationToken.None));
        await late;
    }

    private static async Task RedirectQuietlyAsync(Uri uri)
    {
        using var http = new HttpClient();
        try
        {
            using HttpResponseMessage _ = await http.GetAsync(uri);
        }
        catch (HttpRequestException)
        {
            // Nobody listens any more: what a timed-out callback should look like to a late browser.
        }
    }

    private static void AssertApproved(ProtectedMcpServer server, AuthorizationResult? result)
    {
        Assert.NotNull(result);
        Assert.Equal("the-code", result.Code);
        Assert.Equal("st/ate 1", result.State);
        Assert.Equal(server.Issuer, result.Iss);
    }

    private static AuthorizationCallbackContext Context(ProtectedMcpServer server, Uri redirect) => new()
    {
        AuthorizationUri = new Uri(server.BaseUri, "/authorize?response_type=code&state=" + Uri.EscapeDataString("st/ate 1") + "&redirect_uri=" + Uri.EscapeDataString(redirect.AbsoluteUri)),
        RedirectUri = redirect,
    };

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
