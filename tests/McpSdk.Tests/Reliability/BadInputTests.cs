using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Tests.Peers;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Reliability;

/// <summary>
/// Bad input on our side of the wire, against tests/McpSdk.FaultServer over stdio: null and oversized arguments, a
/// 10 MiB result, deeply nested JSON both ways, invalid UTF-8, tool names with odd characters, 10,000 tools. Each ends
/// in a correct result or a typed error, in bounded time, and leaves the session usable.
/// </summary>
public sealed class BadInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan CallerDeadline = TimeSpan.FromSeconds(30);

    private readonly ServerProcesses _servers = new();
    private McpConnection _connection = null!;
    private IBadInputTools _tools = null!;

    public async Task InitializeAsync()
    {
        _connection = await McpConnection.OpenAsync(FaultServer.Endpoint(_servers.Marker));
        _tools = _connection.CreateClient<IBadInputTools>();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Null_arguments_are_left_out_or_sent_as_null()
    {
        Assert.Equal("{}", await _tools.EchoOptionalAsync(null, null, Deadline()));
        Assert.Equal("""{"text":null}""", await _tools.EchoRequiredAsync(null!, Deadline()));
        await AssertUsableAsync();
    }

    [Fact]
    public async Task An_oversized_argument_arrives_whole()
    {
        string payload = new('a', 16 * 1024 * 1024);
        ArgumentMeasure measure = await _tools.MeasureAsync(payload, Deadline());
        Assert.Equal(payload.Length + 2, measure.Bytes); // the string and its quotes
        await AssertUsableAsync();
    }

    [Fact]
    public async Task A_10_MiB_result_is_read_whole()
    {
        string result = await _tools.BigResultAsync(10, Deadline());
        Assert.Equal(10 * 1024 * 1024, result.Length);
        Assert.True(result.All(c => c == 'x'));
        await AssertUsableAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(61)]
    public async Task Arguments_nested_up_to_the_limit_arrive_whole(int depth)
    {
        JsonElement nested = Nested(depth);
        Assert.Equal(depth, (await _tools.MeasureJsonAsync(nested, Deadline())).Depth);
        await AssertUsableAsync();
    }

    // Found here: arguments nested deeper than the SDK writes threw System.Text.Json's exceptions, from the proxy
    // (a record 1,000 levels deep) or from inside the SDK (a JsonElement 62 or more levels deep). Now the call fails
    // as an McpSdkException naming the tool and the argument, counted as failed, and nothing is sent.
    [Theory]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(1_000)]
    public async Task Arguments_nested_beyond_the_limit_fail_typed_and_nothing_is_sent(int depth)
    {
        McpSdkException tooDeep = await Assert.ThrowsAsync<McpSdkException>(() => _tools.MeasureJsonAsync(Nested(depth), Deadline()));
        Assert.Equal("measure-args", tooDeep.ToolName);
        Assert.Contains("'payload'", tooDeep.Message, StringComparison.Ordinal);

        Nest nest = Enumerable.Range(1, depth).Aggregate(new Nest(), (inner, _) => new Nest { Inner = inner });
        McpSdkException record = await Assert.ThrowsAsync<McpSdkException>(() => _tools.MeasureNestAsync(nest, Deadline()));
        Assert.Contains("'measure-args'", record.Message, StringComparison.Ordinal);
        output.WriteLine($"{depth} levels: {tooDeep.Message}");

        McpToolStats measured = _connection.GetStats().Tools["measure-args"];
        Assert.Equal(2, measured.Failed);
        await AssertUsableAsync();
    }

    [Fact]
    public async Task A_result_nested_within_the_limit_is_read()
    {
        JsonElement result = await _tools.DeepResultAsync(50, Deadline());
        Assert.Equal(JsonValueKind.Array, result.GetProperty("deep").ValueKind);
        await AssertUsableAsync();
    }

    // Not survived without a deadline: the official SDK's transport cannot parse a message nested deeper than
    // System.Text.Json's limit of 64, drops it (as it drops any unparsable line) and never completes the request. The
    // call ends at its deadline: [Timeout] makes that McpSdkTimeoutException; without one, the caller's token decides.
    [Fact]
    public async Task A_result_nested_beyond_the_limit_ends_at_the_deadline()
    {
        IDeepResultWithTimeout timed = _connection.CreateClient<IDeepResultWithTimeout>();
        McpSdkTimeoutException timeout = await Assert.ThrowsAsync<McpSdkTimeoutException>(() => timed.DeepResultAsync(1_000, Deadline()));
        Assert.Equal("deep-result", timeout.ToolName);

        using var caller = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _tools.DeepResultAsync(1_000, caller.Token));
        output.WriteLine(timeout.Message);
        await AssertUsableAsync();
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_result_is_replaced_not_fatal()
    {
        Exception? error = null;
        string? text = null;
        try
        {
            text = await _tools.InvalidUtf8Async(Deadline());
        }
        catch (Exception e)
        {
            error = e;
        }

        output.WriteLine($"invalid UTF-8: {(error is null ? "text " + JsonSerializer.Serialize(text) : error.GetType().FullName + ": " + error.Message)}");
        Assert.Null(error);
        await AssertUsableAsync();
    }

    [Fact]
    public async Task Tool_names_with_odd_characters_reach_their_tools()
    {
        Assert.Equal("with space", await _tools.WithSpaceAsync(Deadline()));
        Assert.Equal("ünïcødé-工具-🔧", await _tools.UnicodeAsync(Deadline()));
        Assert.Equal("a/b/c", await _tools.SlashesAsync(Deadline()));
        Assert.Equal("dots.in.name", await _tools.DotsAsync(Deadline()));
        Assert.Equal("semi;colon&amp", await _tools.PunctuationAsync(Deadline()));
        Assert.Contains("ünïcødé-工具-🔧", _connection.GetStats().Tools.Keys);
    }

    [Fact]
    public async Task A_server_with_10000_tools_lists_and_calls()
    {
        McpEndpoint endpoint = FaultServer.Endpoint(_servers.Marker, extraTools: 10_000);
        EndpointTransport transport = endpoint.CreateTransport(NullLoggerFactory.Instance, TimeProvider.System);
        await using (McpClient client = await McpClient.CreateAsync(transport.Transport, cancellationToken: Deadline()))
        {
            IList<McpClientTool> tools = await client.ListToolsAsync(cancellationToken: Deadline());
            Assert.Equal(10_000, tools.Count(tool => tool.Name.StartsWith("tool-", StringComparison.Ordinal)));
            Assert.Equal(tools.Count, tools.Select(tool => tool.Name).Distinct().Count());
        }

        await using McpConnection connection = await McpConnection.OpenAsync(endpoint);
        Assert.Equal("tool-10000", await connection.CreateClient<IBadInputTools>().LastOfTenThousandAsync(Deadline()));
    }

    /// <summary>Arrays in arrays, <paramref name="depth"/> levels (parsed without System.Text.Json's default limit of 64).</summary>
    private static JsonElement Nested(int depth) =>
        JsonDocument.Parse(new string('[', depth) + new string(']', depth), new JsonDocumentOptions { MaxDepth = depth + 1 }).RootElement;

    private static CancellationToken Deadline() => new CancellationTokenSource(CallerDeadline).Token;

    private async Task AssertUsableAsync()
    {
        Assert.Equal("{}", await _tools.EchoOptionalAsync(cancellationToken: Deadline()));
        McpToolStats total = _connection.GetStats().Total;
        Assert.Equal(total.Submitted, total.Succeeded + total.Failed + total.Cancelled);
        Assert.Equal(0, total.InFlight);
    }
}
