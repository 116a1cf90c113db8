using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using McpSdk.Tests.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit;

namespace McpSdk.Tests.Authorization;

/// <summary>
/// Client secrets, private keys and access tokens never reach logs (at Trace level, every category, the official SDK's
/// included), exception messages or spans, on the way that works and on the ways that fail.
/// </summary>
public sealed class AuthorizationSecretsTests
{
    [Fact]
    public async Task Secrets_keys_and_tokens_stay_out_of_logs_exceptions_and_spans()
    {
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var options = new McpConnectionOptions { LoggerFactory = loggerFactory };
        var errors = new List<Exception>();
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string pem = key.ExportPkcs8PrivateKeyPem();
        var tokens = new List<string>();

        // Works: a secret, then a private key; a revoked token is replaced on the way.
        await using (var server = ProtectedMcpServer.Start(authMethods: ["client_secret_basic", "private_key_jwt"], clientKey: key))
        {
            await using (McpConnection connection = await ClientCredentialsTests.OpenAsync(server, ClientCredentialsTests.Secret(), options))
            {
                IEchoTools tools = connection.CreateClient<IEchoTools>();
                await tools.EchoAsync("one");
                server.RevokeIssuedTokens();
                await tools.EchoAsync("two");
            }

            McpOAuthOptions withKey = ClientCredentialsTests.Secret();
            withKey.ClientSecret = null;
            withKey.ClientCredentials!.PrivateKeyPem = pem;
            await using (McpConnection connection = await ClientCredentialsTests.OpenAsync(server, withKey, options))
            {
                await connection.CreateClient<IEchoTools>().EchoAsync("three");

                // Fails after connecting: every token rejected.
                server.RejectAllTokens = true;
                errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => connection.CreateClient<IEchoTools>().EchoAsync("four")));
            }

            tokens.AddRange(server.IssuedTokens);
        }

        // Fails at the token endpoint: the secret refused.
        await using (var server = ProtectedMcpServer.Start(authMethods: ["client_secret_post"]))
        {
            McpOAuthOptions wrong = ClientCredentialsTests.Secret();
            wrong.ClientSecret = ProtectedMcpServer.ClientSecret + "-but-wrong";
            errors.Add(await Assert.ThrowsAnyAsync<Exception>(() => ClientCredentialsTests.OpenAsync(server, wrong, options)));
        }

        Assert.Equal(4, tokens.Count);
        string[] secrets =
        [
            ProtectedMcpServer.ClientSecret,
            Uri.EscapeDataString(ProtectedMcpServer.ClientSecret),
            .. pem.Split('\n').Where(line => line.Length > 20 && !line.StartsWith("-----", StringComparison.Ordinal)),
            .. tokens,
        ];
        var texts = new List<string>();
        texts.AddRange(sink.Entries.Select(entry => entry.Message + " " + entry.Exception));
        texts.AddRange(errors.Select(error => error.ToString()));
        foreach (Activity span in spans)
        {
            texts.Add(span.DisplayName + " " + span.StatusDescription);
            texts.AddRange(span.TagObjects.Select(tag => tag.Key + "=" + tag.Value));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(tag => e.Name + " " + tag.Key + "=" + tag.Value)));
        }

        Assert.NotEmpty(sink.Entries);
        Assert.Contains(sink.Entries, entry => entry.Event.Id == 30); // "obtained an access token" is logged, without it
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }
}
