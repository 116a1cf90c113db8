using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Engine;

/// <summary>
/// The lean engine over Streamable HTTP, against <see cref="ScriptedHttpServer"/> (in memory, no sockets): event-stream
/// responses, resumption, session expiry, the size limit and the session's end, through the whole stack (proxy,
/// invoker, pool).
/// </summary>
public sealed class StreamableHttpLinkTests
{
    private static McpConnectionOptions Lean(int sessions = 1) =>
        new() { Engine = McpSessionEngine.Lean, MinSessions = sessions, MaxSessions = sessions };

    [Fact]
    public async Task An_event_stream_delivers_a_server_request_before_the_reply_and_the_answer_goes_back_by_POST()
    {
        var server = new ScriptedHttpServer();
        var answered = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.OnReply = (id, reply) => answered.TrySetResult(reply);
        server.OnToolCall = call =>
        {
            (HttpResponseMessage response, ScriptedHttpServer.EventWriter events) = ScriptedHttpServer.EventStream();
            _ = Task.Run(async () =>
            {
                // The question first, on the call's own stream; the reply only once the answer came back.
                await events.WriteAsync(ScriptedHttpServer.Event(
                    """{"jsonrpc":"2.0","id":500,"method":"elicitation/create","params":{"message":"Your name?","requestedSchema":{"type":"object","properties":{"name":{"type":"string"}}}}}"""));
                JsonObject reply = await answered.Task;
                await events.WriteAsync(ScriptedHttpServer.Event(ScriptedHttpServer.Result(call.Id, "hello " + reply["result"]!["content"]!["name"])));
                await events.EndAsync();
            });
            return response;
        };
        McpConnectionOptions options = Lean();
        options.ElicitationHandler = (request, _) => ValueTask.FromResult(new ElicitResult
        {
            Action = "accept",
            Content = new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement("Ada") },
        });
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint(), options);

        Assert.Equal("hello Ada", await connection.CreateClient<IScriptedHttpTools>().AskAsync());
        Assert.True(server.Replies.ContainsKey(500));
    }

    [Fact]
    public async Task A_response_stream_that_ends_before_the_reply_is_resumed_with_Last_Event_ID_after_the_servers_retry_delay()
    {
        var clock = new WatchedClock(new FakeTimeProvider(), TimeSpan.FromSeconds(3));
        var server = new ScriptedHttpServer();
        long callId = 0;
        server.OnToolCall = call =>
        {
            callId = call.Id;

            // A priming event (an id and the retry interval, no message), then the stream ends without the reply.
            return ScriptedHttpServer.EventStream("id: e1\nretry: 3000\ndata: \n\n");
        };
        server.OnGet = lastEventId => lastEventId == "e1"
            ? ScriptedHttpServer.EventStream(ScriptedHttpServer.Event(ScriptedHttpServer.Result(callId, "resumed"), id: "e2"))
            : new HttpResponseMessage(System.Net.HttpStatusCode.MethodNotAllowed);
        McpConnectionOptions options = Lean();
        options.TimeProvider = clock;
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint(), options);

        Task<string> call = connection.CreateClient<IScriptedHttpTools>().ResumeAsync();
        await clock.Watched.WaitAsync(TimeSpan.FromSeconds(30)); // the link waits the server's 3 s
        Assert.DoesNotContain(server.Requests, request => request.LastEventId is not null);
        clock.Fake.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("resumed", await call.WaitAsync(TimeSpan.FromSeconds(30)));
        ScriptedHttpServer.Recorded resumed = Assert.Single(server.Requests, request => request.LastEventId is not null);
        Assert.Equal(HttpMethod.Get, resumed.Method);
        Assert.Equal("e1", resumed.LastEventId);
        Assert.Equal("session-1", resumed.Session);
    }

    [Fact]
    public async Task A_response_stream_that_ends_before_the_reply_without_an_event_id_fails_the_call_as_a_lost_session()
    {
        var server = new ScriptedHttpServer { OnToolCall = _ => ScriptedHttpServer.EventStream("event: message\ndata: \n\n") };
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint(), Lean());

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => connection.CreateClient<IScriptedHttpTools>().ResumeAsync());

        Assert.Equal("resume", lost.ToolName);
        Assert.Contains("no event id to resume it from", lost.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(McpSessionEngine.Lean)]
    [InlineData(McpSessionEngine.Sdk)]
    public async Task After_a_server_restart_the_first_call_refused_with_404_is_sent_once_more_on_a_new_session_and_succeeds(McpSessionEngine engine)
    {
        var server = new ScriptedHttpServer();
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint(), new McpConnectionOptions { Engine = engine, MinSessions = 1, MaxSessions = 1 });
        IScriptedHttpTools tools = connection.CreateClient<IScriptedHttpTools>();
        Assert.Equal("echo: before", await tools.EchoAsync("before"));

        server.Restart();

        Assert.Equal("echo: after", await tools.EchoAsync("after")); // no [Retry] on this method
        McpToolStats total = connection.GetStats().Total;
        Assert.Equal(2, total.Succeeded);
        Assert.Equal(0, total.Failed);
        string[] calls = server.Requests.Where(request => request.JsonRpcMethod == "tools/call").Select(request => request.Session ?? "(none)").ToArray();
        Assert.Equal(["session-1", "session-1", "session-2"], calls); // the refused one never ran; it ran once, on the new session
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_over_MaxMessageSize_fails_the_call_typed_and_the_pool_heals(bool eventStream)
    {
        var server = new ScriptedHttpServer();
        server.OnToolCall = call =>
        {
            string reply = ScriptedHttpServer.Result(call.Id, call.Name == "big" ? new string('x', 100_000) : "small");
            return eventStream ? ScriptedHttpServer.EventStream(ScriptedHttpServer.Event(reply)) : ScriptedHttpServer.Json(reply);
        };
        McpConnectionOptions options = Lean();
        options.MaxMessageSize = 64 * 1024;
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint(), options);
        IScriptedHttpTools tools = connection.CreateClient<IScriptedHttpTools>();

        McpSessionLostException lost = await Assert.ThrowsAsync<McpSessionLostException>(() => tools.BigAsync());

        McpMessageTooLargeException tooLarge = Assert.IsType<McpMessageTooLargeException>(lost.InnerException);
        Assert.Equal(64 * 1024, tooLarge.Limit);
        Assert.Equal("small", await tools.SmallAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(server.Requests, request => request.JsonRpcMethod == "initialize" && request.Session is null && server.Requests.Count(r => r.JsonRpcMethod == "initialize") == 2);
    }

    [Fact]
    public async Task Disposing_the_connection_ends_its_HTTP_session_with_DELETE_and_every_request_states_session_and_version()
    {
        var server = new ScriptedHttpServer();
        McpConnection connection = await McpConnection.OpenAsync(server.Endpoint(), Lean());
        Assert.Equal("echo: hi", await connection.CreateClient<IScriptedHttpTools>().EchoAsync("hi"));

        await connection.DisposeAsync();

        ScriptedHttpServer.Recorded call = Assert.Single(server.Requests, request => request.JsonRpcMethod == "tools/call");
        Assert.Equal("session-1", call.Session);
        Assert.Equal("2025-11-25", call.ProtocolVersion);
        ScriptedHttpServer.Recorded delete = Assert.Single(server.Requests, request => request.Method == HttpMethod.Delete);
        Assert.Equal("session-1", delete.Session);
        Assert.Same(delete, server.Requests.Last());
    }

    [Fact]
    public async Task A_JSON_batch_response_delivers_each_message_in_order()
    {
        var server = new ScriptedHttpServer
        {
            OnToolCall = call => ScriptedHttpServer.Json(
                $"[{{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{{\"level\":\"info\",\"data\":\"first\"}}}},{ScriptedHttpServer.Result(call.Id, "batched")}]"),
        };
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint(), Lean());

        Assert.Equal("batched", await connection.CreateClient<IScriptedHttpTools>().SmallAsync());
    }

    [Fact]
    public async Task Under_auto_detection_an_initialize_POST_refused_with_405_falls_back_to_the_SDK_engine_which_tries_legacy_SSE()
    {
        var sink = new Diagnostics.CapturingLoggerProvider();
        using var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddProvider(sink));
        var server = new ScriptedHttpServer { RefusePosts = System.Net.HttpStatusCode.MethodNotAllowed };

        await Assert.ThrowsAsync<McpConnectionFailedException>(() => McpConnection.OpenAsync(
            server.Endpoint(HttpTransportMode.AutoDetect), new McpConnectionOptions { LoggerFactory = loggerFactory }));

        // The lean engine's initialize POST, refused; then the SDK's transport: its own POST, and a GET for legacy SSE.
        Assert.Contains(sink.Entries, entry => entry.Event.Id == 85 && entry.Message.Contains("405", StringComparison.Ordinal));
        Assert.True(server.Requests.Count(request => request.JsonRpcMethod == "initialize") >= 2);
        Assert.Contains(server.Requests, request => request.Method == HttpMethod.Get);
    }

    [Fact]
    public async Task Streamable_HTTP_pinned_does_not_fall_back_and_names_the_status()
    {
        var server = new ScriptedHttpServer { RefusePosts = System.Net.HttpStatusCode.MethodNotAllowed };

        McpConnectionFailedException failure = await Assert.ThrowsAsync<McpConnectionFailedException>(() => McpConnection.OpenAsync(server.Endpoint()));

        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, failure.HttpStatusCode);
        Assert.Single(server.Requests);
    }

    /// <summary>A fake clock that says when a timer of the watched length is created (the link started waiting).</summary>
    private sealed class WatchedClock(FakeTimeProvider fake, TimeSpan watched) : TimeProvider
    {
        private readonly TaskCompletionSource _watched = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FakeTimeProvider Fake => fake;

        public Task Watched => _watched.Task;

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = fake.CreateTimer(callback, state, dueTime, period);
            if (dueTime == watched)
            {
                _watched.TrySetResult();
            }

            return timer;
        }
    }
}
