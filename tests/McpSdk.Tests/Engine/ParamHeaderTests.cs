using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Engine;
using McpSdk.Tests.Reliability;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Engine;

/// <summary>
/// SEP-2243's <c>Mcp-Param-{Name}</c> headers on the lean engine's stateless HTTP form: against the fault server (the
/// official SDK 2.4.0's own StreamableHttpHandler, stateless, which refuses a call whose header-bound arguments are not
/// in headers) and, for the rules, against the table and the header writer themselves.
/// </summary>
public sealed class ParamHeaderTests
{
    private const string Stateless = "2026-07-28";

    // "Zürich" is not plain ASCII: McpHeaderEncoder wraps its UTF-8 in Base64.
    private const string ZurichHeader = "=?base64?WsO8cmljaA==?=";

    private static CancellationToken Deadline() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task A_stateless_http_call_carries_its_header_bound_arguments_and_the_sdk_server_sees_them()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync(protocol: Stateless);
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Http(server.Uri),
            new McpConnectionOptions { Engine = McpSessionEngine.Lean, ProtocolVersion = Stateless, MinSessions = 2, MaxSessions = 2, MaxCallsPerSession = 1 },
            Deadline());
        IParamHeaderTools tools = connection.CreateClient<IParamHeaderTools>();

        // The integer, the non-ASCII string, the boolean, and the string one object down; "note" binds nothing.
        Assert.Equal(
            $"Mcp-Param-Count=42; Mcp-Param-Dry-Run=true; Mcp-Param-Region={ZurichHeader}; Mcp-Param-Zone=eu-1",
            await tools.CallAsync(42, "Zürich", dryRun: true, new ParamTarget("eu-1"), note: "not a header", Deadline()));

        // Omitted and null arguments get no header, and the server does not expect one.
        Assert.Equal(
            "Mcp-Param-Count=-7; Mcp-Param-Dry-Run=false; Mcp-Param-Region=plain ascii",
            await tools.CallAsync(-7, "plain ascii", dryRun: false, target: null, note: null, Deadline()));
        Assert.Equal(
            "Mcp-Param-Count=0; Mcp-Param-Dry-Run=false; Mcp-Param-Region=x",
            await tools.CallAsync(0, "x", dryRun: false, new ParamTarget(null), note: null, Deadline()));

        // Calls in flight together take both sessions (one call each): the one the connection learned on, and the other,
        // which gets the connection's table before its first call of the tool.
        string[] together = await Task.WhenAll(Enumerable.Range(1, 4).Select(n => tools.CallAsync(n, "a", true, null, null, Deadline())));
        Assert.Equal(Enumerable.Range(1, 4).Select(n => $"Mcp-Param-Count={n}; Mcp-Param-Dry-Run=true; Mcp-Param-Region=a"), together);
        Assert.Equal(2, connection.GetStats().Pool.Sessions.Count(session => session.Calls > 0));
    }

    [Fact]
    public async Task A_stateless_server_that_refuses_tools_list_still_gets_its_calls_without_headers()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync(protocol: Stateless, refuseToolsList: true);
        using var methods = new MethodRecorder();
        await using McpConnection connection = await McpConnection.OpenAsync(
            McpEndpoint.Http(server.Uri, new McpHttpOptions { HttpClientFactory = methods }),
            new McpConnectionOptions { Engine = McpSessionEngine.Lean, ProtocolVersion = Stateless },
            Deadline());
        IStatelessOkTools tools = connection.CreateClient<IStatelessOkTools>();

        // The connection lists tools once for the headers; a server that refuses the list binds none, so calls go on.
        Assert.Equal("ok", await tools.OkAsync(Deadline()));
        Assert.Equal("ok", await tools.OkAsync(Deadline()));
        Assert.Equal(2, connection.GetStats().Tools["ok"].Succeeded);

        // The list was asked and refused (not skipped), and the refusal is the answer: it is not asked again per call.
        Assert.Equal(1, methods.Sent.Count(method => method == RequestMethods.ToolsList));
        Assert.Equal(2, methods.Sent.Count(method => method == RequestMethods.ToolsCall));
    }

    [Fact]
    public async Task The_sdk_server_refuses_the_same_call_without_the_headers_so_they_are_what_lets_it_through()
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync(protocol: Stateless);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using HttpResponseMessage without = await http.SendAsync(RawCall(server.Uri, paramHeaders: false), Deadline());
        string refusal = await without.Content.ReadAsStringAsync(Deadline());
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        using (JsonDocument error = JsonDocument.Parse(refusal))
        {
            JsonElement detail = error.RootElement.GetProperty("error");
            Assert.Equal((int)McpErrorCode.HeaderMismatch, detail.GetProperty("code").GetInt32());
            Assert.Contains("Mcp-Param-", detail.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        // The same bytes with the headers the lean engine writes: answered.
        using HttpResponseMessage with = await http.SendAsync(RawCall(server.Uri, paramHeaders: true), Deadline());
        string answer = await with.Content.ReadAsStringAsync(Deadline());
        Assert.True(with.IsSuccessStatusCode, answer);
        Assert.Contains($"Mcp-Param-Region={ZurichHeader}", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_binds_integer_string_and_boolean_properties_at_any_depth_and_leaves_out_tools_without_annotations()
    {
        var rejected = new List<string>();
        ParamHeaderTable table = ParamHeaderTable.From(
            [
                Tool("plain", """{"type":"object","properties":{"a":{"type":"string"}}}"""),
                Tool("no-schema", "null"),
                Tool("bound", """
                    {"type":"object","properties":{
                      "n":{"type":["integer","null"],"x-mcp-header":"N"},
                      "s":{"x-mcp-header":"S"},
                      "o":{"type":"object","properties":{"deep":{"type":"object","properties":{"b":{"type":"boolean","x-mcp-header":"B"}}}}},
                      "other":{"type":"object","properties":{"x":{"type":"string"}}}}}
                    """),
            ],
            (tool, reason) => rejected.Add(tool));

        Assert.Empty(rejected);
        Assert.Equal(["bound"], table.ToolNames);
        Assert.False(table.Binds("plain"));
        Assert.True(table.TryGet("bound", out ParamBinding[] bindings));
        Assert.Equal(
            [
                new ParamBinding("n", "Mcp-Param-N", Integer: true, []),
                new ParamBinding("s", "Mcp-Param-S", Integer: false, []),
                new ParamBinding("o", null, false, [new ParamBinding("deep", null, false, [new ParamBinding("b", "Mcp-Param-B", false, [])])]),
            ],
            bindings);
    }

    [Theory]
    [InlineData("""{"a":{"type":"number","x-mcp-header":"A"}}""", "type \"number\"")]
    [InlineData("""{"a":{"type":"object","x-mcp-header":"A"}}""", "type \"object\"")]
    [InlineData("""{"a":{"type":"string","x-mcp-header":"A"},"b":{"type":"string","x-mcp-header":"a"}}""", "used twice")]
    [InlineData("""{"a":{"type":"string","x-mcp-header":"Bad Name"}}""", "holds ' '")]
    [InlineData("""{"a":{"type":"string","x-mcp-header":""}}""", "is empty")]
    [InlineData("""{"a":{"type":"string","x-mcp-header":7}}""", "not a string")]
    [InlineData("""{"o":{"properties":{"a":{"type":["string","number"],"x-mcp-header":"A"}}}}""", "only string, integer and boolean")]
    public void A_tool_with_a_broken_annotation_is_left_out_of_the_table_with_the_reason(string properties, string reason)
    {
        var rejected = new List<(string Tool, string Reason)>();
        ParamHeaderTable table = ParamHeaderTable.From(
            [Tool("broken", $$"""{"type":"object","properties":{{properties}}}"""), Tool("fine", """{"properties":{"z":{"type":"boolean","x-mcp-header":"Z"}}}""")],
            (tool, why) => rejected.Add((tool, why)));

        (string tool, string why) = Assert.Single(rejected);
        Assert.Equal("broken", tool);
        Assert.Contains(reason, why, StringComparison.Ordinal);
        Assert.Equal(["fine"], table.ToolNames);
    }

    [Theory]
    [InlineData("""{"n":42}""", "42")]
    [InlineData("""{"n":42.0}""", "42")]
    [InlineData("""{"n":4.2e1}""", "42")]
    [InlineData("""{"n":-9007199254740991}""", "-9007199254740991")]
    [InlineData("""{"n":null}""", null)]
    [InlineData("""{"other":1}""", null)]
    public void An_integer_argument_goes_out_as_its_canonical_decimal_and_a_null_or_missing_one_not_at_all(string arguments, string? header)
    {
        using var request = new HttpRequestMessage();
        ParamHeaders.Add(request.Headers, "t", [new ParamBinding("n", "Mcp-Param-N", Integer: true, [])], Encoding.UTF8.GetBytes(arguments));

        Assert.Equal(header, request.Headers.TryGetValues("Mcp-Param-N", out IEnumerable<string>? values) ? Assert.Single(values) : null);
    }

    [Theory]
    [InlineData("""{"n":9007199254740992}""")]
    [InlineData("""{"n":42.5}""")]
    public void An_integer_argument_a_header_cannot_carry_exactly_fails_naming_the_tool_argument_and_header(string arguments)
    {
        using var request = new HttpRequestMessage();
        var failure = Assert.Throws<McpProtocolException>(() =>
            ParamHeaders.Add(request.Headers, "deploy", [new ParamBinding("n", "Mcp-Param-N", Integer: true, [])], Encoding.UTF8.GetBytes(arguments)));

        Assert.Equal(McpErrorCode.InvalidParams, failure.ErrorCode);
        Assert.Contains("Tool 'deploy'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'n'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Mcp-Param-N", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_are_read_unescaped_and_encoded_values_of_other_shapes_are_skipped()
    {
        using var request = new HttpRequestMessage();
        ParamBinding[] bindings =
        [
            new("s", "Mcp-Param-S", false, []), new("t", "Mcp-Param-T", false, []), new("list", "Mcp-Param-L", false, []),
            new("num", "Mcp-Param-Num", false, []),
        ];
        ParamHeaders.Add(request.Headers, "t", bindings, """{"list":[1,{"s":"no"}],"s":"Z\u00fcrich","t":" padded ","num":1.50}"""u8);

        Assert.Equal(ZurichHeader, Assert.Single(request.Headers.GetValues("Mcp-Param-S")));
        Assert.Equal(McpHeaderEncoder.EncodeValue(" padded "), Assert.Single(request.Headers.GetValues("Mcp-Param-T")));
        Assert.Equal("1.50", Assert.Single(request.Headers.GetValues("Mcp-Param-Num")));
        Assert.False(request.Headers.Contains("Mcp-Param-L"));
    }

    [Fact]
    public void A_call_of_a_tool_without_bindings_allocates_nothing_for_the_table_of_others()
    {
        ParamHeaderTable table = ParamHeaderTable.From([Tool("bound", """{"properties":{"n":{"type":"integer","x-mcp-header":"N"}}}""")], (_, _) => { });
        byte[] call = Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi","n":3},"_meta":{"progressToken":1}}}""");

        long without = AllocatedByAdd(call, table: null), with = AllocatedByAdd(call, table);

        Assert.Equal(without, with);
    }

    private static long AllocatedByAdd(byte[] message, ParamHeaderTable? table)
    {
        for (int warm = 0; warm < 100; warm++)
        {
            using var request = new HttpRequestMessage();
            StandardHeaders.Add(request.Headers, message, table);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            using var request = new HttpRequestMessage();
            StandardHeaders.Add(request.Headers, message, table);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static KeyValuePair<string, JsonElement> Tool(string name, string schema) => new(name, JsonElement.Parse(schema));

    /// <summary>The proxy's call of <c>param-headers</c>, written by hand, with or without the headers its arguments bind.</summary>
    private static HttpRequestMessage RawCall(Uri uri, bool paramHeaders)
    {
        byte[] meta = StatelessMeta.Members(Stateless, McpConnectionOptions.DefaultClientInfo, new ClientCapabilities());
        string body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"param-headers","arguments":{"count":42,"region":"Zürich","dryRun":true},"_meta":{"""
            + Encoding.UTF8.GetString(meta) + "}}}";
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", Stateless);
        request.Headers.TryAddWithoutValidation("Mcp-Method", "tools/call");
        request.Headers.TryAddWithoutValidation("Mcp-Name", "param-headers");
        if (paramHeaders)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Param-Count", "42");
            request.Headers.TryAddWithoutValidation("Mcp-Param-Region", ZurichHeader);
            request.Headers.TryAddWithoutValidation("Mcp-Param-Dry-Run", "true");
        }

        return request;
    }
}

/// <summary>The object argument of <c>param-headers</c>, whose <c>zone</c> binds <c>Mcp-Param-Zone</c>.</summary>
public sealed record ParamTarget(string? Zone);

[McpClient]
public interface IParamHeaderTools
{
    [McpTool("param-headers")]
    Task<string> CallAsync(
        int count, string region, bool dryRun, ParamTarget? target = null, string? note = null, CancellationToken cancellationToken = default);
}

[McpClient]
public interface IStatelessOkTools
{
    [McpTool("ok")]
    Task<string> OkAsync(CancellationToken cancellationToken);
}
