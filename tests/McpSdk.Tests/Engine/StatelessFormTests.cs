using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Diagnostics;
using McpSdk.Tests.Fakes;
using McpSdk.Tests.Peers;
using McpSdk.Tests.Reliability;
using McpSdk.Tests.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Engine;

/// <summary>
/// The stateless 2026-07-28 form on the lean engine (<c>server/discover</c>, per-request <c>_meta</c>, input requests
/// answered by sending the call again), against the fault server — the official SDK 2.4.0's own server — over stdio and
/// Streamable HTTP. <c>Engine = Lean</c> proves the engine: it fails where the lean engine does not go instead of
/// handing the session to the SDK's.
/// </summary>
public sealed class StatelessFormTests
{
    private const string Stateless = "2026-07-28";

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Theory]
    [InlineData("stdio")]
    [InlineData("http")]
    public async Task A_pinned_2026_07_28_session_on_the_lean_engine_calls_reports_progress_answers_an_elicitation_and_lists_tools(string transport)
    {
        await using Server server = await Server.StartAsync(transport, Stateless);
        var answerer = new NameAnswerer("Ada");
        ConcurrentQueue<string> questions = answerer.Questions;
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint, new McpConnectionOptions { Engine = McpSessionEngine.Lean, ProtocolVersion = Stateless, ElicitationHandler = answerer.AnswerAsync }, Deadline());
        IStatelessTools tools = connection.CreateClient<IStatelessTools>();

        Assert.Equal("ok", await tools.OkAsync(Deadline()));

        var progress = new RecordingProgress();
        Assert.Equal("progress: 3 steps", await tools.ProgressAsync(3, progress, Deadline()));
        Assert.Equal(["step 1", "step 2", "step 3"], progress.Messages);

        // Asked with input_required; the call is sent again with the answer and the server's request state.
        Assert.Equal("ask: accept Ada (state asked-once)", await tools.AskAsync("Who are you?", Deadline()));
        Assert.Equal(["Who are you?"], questions);
        if (transport == "stdio")
        {
            // A handler the server suspends across ElicitAsync, resumed by the retry (a stateful server instance).
            Assert.Equal("elicit: accept Ada", await tools.ElicitAsync("And again?", Deadline()));
            Assert.Equal(["Who are you?", "And again?"], questions);
        }

        var functions = await connection.GetAIFunctionsAsync(Deadline());
        Assert.Contains(functions, function => function.Name == "elicit");

        McpSessionStats session = Assert.Single(connection.GetStats().Pool.Sessions);
        Assert.Equal(Stateless, session.ProtocolVersion);
        Assert.Null(session.SessionId); // stateless: no HTTP session
    }

    [Theory]
    [InlineData("stdio")]
    [InlineData("http")]
    public async Task With_the_version_open_a_server_that_refuses_initialize_gets_server_discover_and_later_sessions_go_straight_there(string transport)
    {
        await using Server server = await Server.StartAsync(transport, Stateless);
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        var options = new McpConnectionOptions { Engine = McpSessionEngine.Lean, LoggerFactory = loggerFactory };

        await using (McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, options, Deadline()))
        {
            Assert.Equal("ok", await connection.CreateClient<IStatelessTools>().OkAsync(Deadline()));
            Assert.Equal(Stateless, Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
        }

        Assert.Single(sink.Entries, entry => entry.Event.Id == 91); // initialize refused, server/discover next
        Assert.Contains(sink.Entries, entry => entry.Event.Id == 93 && entry.Message.Contains("2026-07-28 (server/discover)", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Entries, entry => entry.Event.Id == 85); // never the SDK's engine

        // The endpoint remembers the form: the next session opens with server/discover, without a refused initialize.
        await using McpConnection second = await McpConnection.OpenAsync(server.Endpoint, options, Deadline());
        Assert.Equal("ok", await second.CreateClient<IStatelessTools>().OkAsync(Deadline()));
        Assert.Equal(Stateless, Assert.Single(second.GetStats().Pool.Sessions).ProtocolVersion);
        Assert.Single(sink.Entries, entry => entry.Event.Id == 91);
    }

    [Fact]
    public async Task An_endpoint_that_spoke_the_stateless_form_goes_back_to_initialize_when_server_discover_becomes_unknown()
    {
        string mode = Path.GetTempFileName();
        try
        {
            var sink = new CapturingLoggerProvider();
            using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
            var options = new McpConnectionOptions { Engine = McpSessionEngine.Lean, LoggerFactory = loggerFactory };
            McpEndpoint endpoint = FaultServer.Endpoint(new ServerProcesses().Marker, protocol: "@" + mode);

            await File.WriteAllTextAsync(mode, Stateless);
            await using (McpConnection connection = await McpConnection.OpenAsync(endpoint, options, Deadline()))
            {
                Assert.Equal(Stateless, Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
            }

            // The server is replaced by one that speaks initialize only and does not know server/discover.
            await File.WriteAllTextAsync(mode, "no-discover");
            await using (McpConnection connection = await McpConnection.OpenAsync(endpoint, options, Deadline()))
            {
                Assert.Equal("ok", await connection.CreateClient<IStatelessTools>().OkAsync(Deadline()));
                Assert.Equal("2025-11-25", Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
            }

            Assert.Single(sink.Entries, entry => entry.Event.Id == 92 && entry.Message.Contains("server/discover", StringComparison.Ordinal));

            // And it forgot the stateless form: initialize goes first again, answered at once.
            await using McpConnection third = await McpConnection.OpenAsync(endpoint, options, Deadline());
            Assert.Equal("2025-11-25", Assert.Single(third.GetStats().Pool.Sessions).ProtocolVersion);
            Assert.Single(sink.Entries, entry => entry.Event.Id == 92);
        }
        finally
        {
            File.Delete(mode);
        }
    }

    [Theory]
    [InlineData("stdio")]
    [InlineData("http")]
    public async Task A_server_that_speaks_both_forms_keeps_the_initialize_handshake_in_one_round_trip(string transport)
    {
        await using Server server = await Server.StartAsync(transport, protocol: null);
        var sink = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Debug));
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint, new McpConnectionOptions { Engine = McpSessionEngine.Lean, LoggerFactory = loggerFactory }, Deadline());

        Assert.Equal("ok", await connection.CreateClient<IStatelessTools>().OkAsync(Deadline()));
        Assert.Equal("2025-11-25", Assert.Single(connection.GetStats().Pool.Sessions).ProtocolVersion);
        Assert.DoesNotContain(sink.Entries, entry => entry.Event.Id is 91 or 92);
    }

    [Fact]
    public async Task An_input_request_without_a_handler_fails_the_call_naming_the_option_to_set_and_the_session_carries_on()
    {
        await using Server server = await Server.StartAsync("stdio", Stateless);
        await using McpConnection connection = await McpConnection.OpenAsync(
            server.Endpoint, new McpConnectionOptions { Engine = McpSessionEngine.Lean, ProtocolVersion = Stateless }, Deadline());
        IStatelessTools tools = connection.CreateClient<IStatelessTools>();

        ModelContextProtocol.McpProtocolException failure = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(
            () => tools.AskAsync("Anyone?", Deadline()));

        Assert.Contains("McpConnectionOptions.ElicitationHandler", failure.Message, StringComparison.Ordinal);
        Assert.Equal("ok", await tools.OkAsync(Deadline()));
    }

    [Fact]
    public async Task A_call_cancelled_while_its_input_request_waits_for_the_handler_ends_cancelled()
    {
        await using Server server = await Server.StartAsync("stdio", Stateless);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint, new McpConnectionOptions
        {
            Engine = McpSessionEngine.Lean,
            ProtocolVersion = Stateless,
            ElicitationHandler = async (_, cancellationToken) =>
            {
                asked.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken); // a user who never answers
                return new ElicitResult();
            },
        }, Deadline());
        IStatelessTools tools = connection.CreateClient<IStatelessTools>();
        using var cancel = new CancellationTokenSource();

        Task<string> call = tools.AskAsync("Anyone?", cancel.Token);
        await asked.Task.WaitAsync(Deadline());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal("ok", await tools.OkAsync(Deadline()));
        McpToolStats ask = connection.GetStats().Tools["ask"];
        Assert.Equal(1, ask.Cancelled);
    }

    /// <summary>The fault server over stdio (a process per session) or Streamable HTTP (one process).</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly HttpFaultServer? _http;

        private Server(McpEndpoint endpoint, HttpFaultServer? http)
        {
            Endpoint = endpoint;
            _http = http;
        }

        public McpEndpoint Endpoint { get; }

        public static async Task<Server> StartAsync(string transport, string? protocol)
        {
            if (transport == "stdio")
            {
                return new Server(FaultServer.Endpoint(new ServerProcesses().Marker, protocol: protocol), http: null);
            }

            HttpFaultServer http = await HttpFaultServer.StartAsync(protocol: protocol);
            return new Server(McpEndpoint.Http(http.Uri), http);
        }

        public ValueTask DisposeAsync() => _http?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}

/// <summary>The fault server's tools the stateless-form tests call.</summary>
[McpClient]
public interface IStatelessTools
{
    [McpTool("ok")]
    Task<string> OkAsync(CancellationToken cancellationToken = default);

    [McpTool("progress")]
    Task<string> ProgressAsync(int steps, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

    [McpTool("elicit")]
    Task<string> ElicitAsync(string question, CancellationToken cancellationToken = default);

    [McpTool("ask")]
    Task<string> AskAsync(string question, CancellationToken cancellationToken = default);
}
