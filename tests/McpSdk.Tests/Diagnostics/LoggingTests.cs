using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Tests.Fakes;
using McpSdk.Tests.Peers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace McpSdk.Tests.Diagnostics;

/// <summary>What McpSdk logs, and what it must never log.</summary>
public sealed class LoggingTests
{
    private const string Secret = "s3cr3t-Zq7Xv9-token";

    [Fact]
    public async Task Rejections_retries_timeouts_and_lost_sessions_are_logged_with_the_tool_and_without_arguments()
    {
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        var clock = new FakeTimeProvider();
        int fragile = 0;
        var session = new ScriptedSession(async call =>
        {
            if (call.Tool == "log-fragile" && Interlocked.Increment(ref fragile) == 1)
            {
                throw new IOException("flaky");
            }

            if (call.Tool is "log-slow" or "log-lost")
            {
                await Task.Delay(Timeout.Infinite, call.CancellationToken);
            }

            return ScriptedCall.Text("ok");
        });
        await using McpConnection connection = TestConnections.Create(session, new McpConnectionOptions { LoggerFactory = loggerFactory, TimeProvider = clock });

        await CallAsync(connection, "log-quota", new CallPolicy { RateLimitPermits = 1, RateLimitWindow = TimeSpan.FromMinutes(1), RateLimitMode = RateLimitMode.Reject });
        await Assert.ThrowsAsync<McpRateLimitedException>(() => CallAsync(connection, "log-quota", new CallPolicy { RateLimitPermits = 1, RateLimitWindow = TimeSpan.FromMinutes(1), RateLimitMode = RateLimitMode.Reject }));
        await CallAsync(connection, "log-fragile", new CallPolicy { MaxAttempts = 2, RetryBaseDelay = TimeSpan.Zero });
        Task<string> slow = CallAsync(connection, "log-slow", new CallPolicy { Timeout = TimeSpan.FromSeconds(1) });
        while (session.StartedCount < 4)
        {
            await Task.Delay(5);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<McpSdkTimeoutException>(() => slow);

        var messages = sink.Entries.Where(e => e.Category.StartsWith("McpSdk", StringComparison.Ordinal)).ToList();
        Assert.Contains(messages, e => e.Event.Id == 6 && e.Level == LogLevel.Warning && e.Message.Contains("log-quota", StringComparison.Ordinal));
        Assert.Contains(messages, e => e.Event.Id == 7 && e.Message.Contains("log-fragile", StringComparison.Ordinal) && e.Message.Contains("attempt 1", StringComparison.Ordinal));
        Assert.Contains(messages, e => e.Event.Id == 8 && e.Message.Contains("log-slow", StringComparison.Ordinal) && e.Message.Contains("1000 ms deadline", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(Secret, StringComparison.Ordinal) ?? false));
    }

    // Tool arguments are the application's data, and the official SDK logs message bodies in its "Sensitive" trace
    // events; McpSdk's own logs never carry them (see the test above). Credentials in headers must not appear anywhere.
    [Fact]
    public async Task A_secret_header_never_reaches_logs_or_exception_messages_even_at_trace_level()
    {
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        await using HttpServerEverything server = await HttpServerEverything.StartAsync();
        var endpoint = McpEndpoint.Http(server.Uri, new McpHttpOptions { AdditionalHeaders = new Dictionary<string, string> { ["X-Api-Key"] = Secret } });
        var errors = new List<Exception>();
        await using (McpConnection connection = await McpConnection.OpenAsync(endpoint, new McpConnectionOptions { LoggerFactory = loggerFactory }))
        {
            ILeakTools tools = connection.CreateClient<ILeakTools>();
            Assert.Equal("Echo: hello", await tools.EchoAsync("hello"));
            errors.Add(await Assert.ThrowsAsync<McpToolException>(() => tools.SumAsync("not a number", 1)));
            Assert.DoesNotContain(Secret, endpoint.Name, StringComparison.Ordinal);
        }

        Assert.NotEmpty(sink.Entries);
        Assert.DoesNotContain(sink.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Entries, e => e.Exception?.ToString().Contains(Secret, StringComparison.Ordinal) ?? false);
        Assert.All(errors, error => Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_without_a_server_session_id_is_logged_as_having_none()
    {
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        var endpoint = McpEndpoint.InProcess(() => new ModelContextProtocol.Server.McpServerOptions(), "id-less server");

        await using (McpConnection connection = await McpConnection.OpenAsync(endpoint, new McpConnectionOptions { LoggerFactory = loggerFactory }))
        {
        }

        string started = Assert.Single(sink.Entries, e => e.Category.StartsWith("McpSdk", StringComparison.Ordinal) && e.Event.Id == 1).Message;
        Assert.Contains("(server session id none)", started, StringComparison.Ordinal);
        Assert.DoesNotContain("(null)", started, StringComparison.Ordinal);
    }

    private static Task<string> CallAsync(McpConnection connection, string tool, CallPolicy policy)
    {
        BoundTool bound = connection.Invoker.Bind(new ToolMethod(tool, "ILogging." + tool, policy));
        var arguments = new ToolArguments();
        arguments.Add("token", Secret, Serialization.McpJson.GetTypeInfo<string>(Serialization.McpJson.CreateOptions(null), "ILogging"));
        return connection.Invoker.InvokeAsync(bound, arguments, ToolResultReaders.Text, null, default);
    }
}

/// <summary>server-everything tools for the secrets test.</summary>
[McpClient]
public interface ILeakTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("get-sum")]
    Task<string> SumAsync(string a, double b, CancellationToken cancellationToken = default);
}
