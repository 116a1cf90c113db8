using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Client;

namespace McpSdk.Tests.Engine;

/// <summary>
/// A Streamable HTTP MCP server as an <see cref="HttpMessageHandler"/>, in memory: it answers <c>initialize</c> with a
/// new session id, notifications and replies with 202, <c>ping</c> and <c>tools/list</c>, <c>DELETE</c>; every request
/// with a session id it does not know (after <see cref="Restart"/>) gets 404. The test scripts <c>tools/call</c>
/// (<see cref="OnToolCall"/>) and GET (<see cref="OnGet"/>; 405 by default). Every request is recorded.
/// </summary>
internal sealed class ScriptedHttpServer : HttpMessageHandler, IHttpClientFactory
{
    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);
    private int _nextSession;

    public static readonly Uri Uri = new("http://scripted.test/mcp");

    /// <summary>Answers a <c>tools/call</c> of a known session: (tool name, request id, the whole request) → response.</summary>
    public Func<ToolCall, HttpResponseMessage> OnToolCall { get; set; } = call => Json(Result(call.Id, "echo: " + call.Arguments["message"]));

    /// <summary>Answers a GET: (its Last-Event-ID or null) → response.</summary>
    public Func<string?, HttpResponseMessage> OnGet { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.MethodNotAllowed);

    /// <summary>When set, every POST is answered with this status (a server that does not speak Streamable HTTP).</summary>
    public HttpStatusCode? RefusePosts { get; set; }

    /// <summary>Every request, in order of arrival.</summary>
    public ConcurrentQueue<Recorded> Requests { get; } = new();

    /// <summary>Replies the client POSTed to the server's own requests, by id.</summary>
    public ConcurrentDictionary<long, JsonObject> Replies { get; } = new();

    /// <summary>Told of each reply the client POSTs, after it is recorded.</summary>
    public Action<long, JsonObject>? OnReply { get; set; }

    /// <summary>Forgets every session, as a restarted server would: their ids get 404 from now on.</summary>
    public void Restart() => _sessions.Clear();

    public McpEndpoint Endpoint(HttpTransportMode mode = HttpTransportMode.StreamableHttp) =>
        McpEndpoint.Http(Uri, new McpHttpOptions { HttpClientFactory = this, TransportMode = mode });

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? session = Header(request, "Mcp-Session-Id");
        JsonObject? body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?.AsObject();
        var recorded = new Recorded(request.Method, session, Header(request, "MCP-Protocol-Version"), Header(request, "Last-Event-ID"), body);
        Requests.Enqueue(recorded);
        if (session is not null && !_sessions.ContainsKey(session))
        {
            return Json("""{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}""", HttpStatusCode.NotFound);
        }

        if (request.Method == HttpMethod.Post && RefusePosts is { } refusal)
        {
            return new HttpResponseMessage(refusal);
        }

        if (request.Method == HttpMethod.Delete)
        {
            _sessions.TryRemove(session!, out _);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        if (request.Method == HttpMethod.Get)
        {
            return OnGet(recorded.LastEventId);
        }

        long id = body!["id"]?.GetValue<long>() ?? 0;
        string? method = (string?)body["method"];
        if (method is null)
        {
            Replies[id] = body;
            OnReply?.Invoke(id, body);
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        }

        switch (method)
        {
            case "initialize":
                string created = "session-" + Interlocked.Increment(ref _nextSession);
                _sessions[created] = 0;
                HttpResponseMessage initialized = Json(new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["id"] = id,
                    ["result"] = new JsonObject
                    {
                        ["protocolVersion"] = (string?)body["params"]!["protocolVersion"],
                        ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                        ["serverInfo"] = new JsonObject { ["name"] = "scripted", ["version"] = "1.0" },
                    },
                }.ToJsonString());
                initialized.Headers.Add("Mcp-Session-Id", created);
                return initialized;
            case "ping":
                return Json($$$"""{"jsonrpc":"2.0","id":{{{id}}},"result":{}}""");
            case "tools/list":
                return Json($$$"""{"jsonrpc":"2.0","id":{{{id}}},"result":{"tools":[]}}""");
            case "tools/call":
                return OnToolCall(new ToolCall((string)body["params"]!["name"]!, id, body["params"]!["arguments"]?.AsObject() ?? new JsonObject(), session));
            default:
                return body["id"] is null
                    ? new HttpResponseMessage(HttpStatusCode.Accepted) // notifications
                    : Json("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        }
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.Single() : null;

    /// <summary>A JSON-RPC result whose text content is <paramref name="text"/>.</summary>
    public static string Result(long id, string? text) =>
        new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["result"] = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) },
        }.ToJsonString();

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>An event stream whose body the test writes (and ends) through the returned writer.</summary>
    public static (HttpResponseMessage Response, EventWriter Events) EventStream()
    {
        var pipe = new Pipe();
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.TryAddWithoutValidation("Content-Type", "text/event-stream");
        return (new HttpResponseMessage(HttpStatusCode.OK) { Content = content }, new EventWriter(pipe.Writer));
    }

    /// <summary>An event stream with these whole events, ended.</summary>
    public static HttpResponseMessage EventStream(params string[] events)
    {
        var content = new StringContent(string.Concat(events), Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>One SSE event carrying <paramref name="json"/>.</summary>
    public static string Event(string json, string? id = null) =>
        (id is null ? string.Empty : $"id: {id}\n") + $"event: message\ndata: {json}\n\n";

    public sealed record ToolCall(string Name, long Id, JsonObject Arguments, string? Session);

    public sealed record Recorded(HttpMethod Method, string? Session, string? ProtocolVersion, string? LastEventId, JsonObject? Body)
    {
        public string? JsonRpcMethod => (string?)Body?["method"];
    }

    /// <summary>Writes events into a streamed response, in the test's time.</summary>
    public sealed class EventWriter(PipeWriter writer)
    {
        public async Task WriteAsync(string text)
        {
            await writer.WriteAsync(Encoding.UTF8.GetBytes(text));
        }

        public Task EndAsync() => writer.CompleteAsync().AsTask();
    }
}
