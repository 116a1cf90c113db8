using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace McpSdk.FaultServer;

/// <summary>
/// Faults of the HTTP layer, in front of the SDK's Streamable HTTP endpoint: a <c>tools/call</c> POST of one of
/// <see cref="Names"/> never reaches the SDK; this middleware answers it the broken way the name says. It also counts
/// the sessions the server handed out and not yet saw closed (<c>GET /faults/sessions</c>), so a test can check that a
/// disposed client ended its sessions with <c>DELETE</c>, and the HTTP versions of the MCP requests it received
/// (<c>GET /faults/protocols</c>, e.g. <c>HTTP/2=5</c>); and the <c>counted</c> tools' <see cref="CallCounter"/>s.
/// </summary>
internal sealed class HttpFaults
{
    public static readonly string[] Names = ["http-500", "http-reset", "http-404-session", "sse-cut"];

    private const string SessionHeader = "Mcp-Session-Id";

    private readonly ConcurrentDictionary<string, byte> _open = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _expired = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _protocols = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        HttpRequest request = context.Request;
        if (request.Path == "/faults/sessions")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(_open.Count.ToString(CultureInfo.InvariantCulture));
            return;
        }

        if (request.Path.StartsWithSegments("/faults/counted", out PathString counted) && counted.Value is { Length: > 1 } rest)
        {
            // /faults/counted/{tool} reads the tool's counter, /faults/counted/{tool}/reset clears it.
            string[] parts = rest[1..].Split('/');
            CallCounter counter = CallCounter.For(parts[0]);
            if (parts.Length > 1 && parts[1] == "reset")
            {
                counter.Reset();
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(counter.ToJson());
            return;
        }

        if (request.Path == "/faults/protocols")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(string.Join(' ', _protocols.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
            return;
        }

        _protocols.AddOrUpdate(request.Protocol, 1, static (_, count) => count + 1);
        string? session = request.Headers[SessionHeader];
        if (session is not null && _expired.ContainsKey(session))
        {
            // An expired session stays expired: every later request with its id (DELETE included) gets 404.
            _open.TryRemove(session, out _);
            await SessionNotFoundAsync(context);
            return;
        }

        PostedMessage posted = HttpMethods.IsPost(request.Method) ? await ReadPostedAsync(request) : default;
        if (posted.TaskId is { } taskId && posted.Method is "tasks/get" or "tasks/result" && session is not null && FaultTasks.LosesSession(taskId))
        {
            // The session that follows a task-lose-session task expires under it: the task lives on, for another session.
            Console.Error.WriteLine($"fault-server: session {session} lost under task {taskId}");
            _expired.TryAdd(session, 0);
            _open.TryRemove(session, out _);
            await SessionNotFoundAsync(context);
            return;
        }

        LineRewritingStream? advertising = null;
        if (posted.Method is "initialize" or "server/discover" or "tools/list")
        {
            // The SDK's types cannot say that tools run as tasks: the reply is rewritten on its way out.
            context.Response.Body = advertising = new LineRewritingStream(context.Response.Body, FaultTasks.Advertise);
            context.Response.OnStarting(() =>
            {
                context.Response.ContentLength = null;
                return Task.CompletedTask;
            });
        }

        if (posted.Tool is { } tool && Array.IndexOf(Names, tool) >= 0)
        {
            Console.Error.WriteLine($"fault-server: HTTP fault '{tool}' for session {session}");
            switch (tool)
            {
                case "http-500":
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("fault-server: http-500 requested");
                    return;

                case "http-reset":
                    context.Abort(); // the connection goes away with no response at all
                    return;

                case "http-404-session":
                    if (session is not null)
                    {
                        _expired.TryAdd(session, 0);
                        _open.TryRemove(session, out _);
                    }

                    await SessionNotFoundAsync(context);
                    return;

                case "sse-cut":
                    // An SSE response that stops in the middle of its first event: headers, half a data line, then the
                    // connection is gone.
                    context.Response.StatusCode = StatusCodes.Status200OK;
                    context.Response.ContentType = "text/event-stream";
                    context.Response.Headers.CacheControl = "no-cache";
                    await context.Response.WriteAsync("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":");
                    await context.Response.Body.FlushAsync();
                    await Task.Delay(50);
                    context.Abort();
                    return;
            }
        }

        // Counted before the client can see either: a new session id when its response starts, a DELETE before the SDK
        // answers it. (After the response, a quick client could already have asked for the count.)
        if (HttpMethods.IsDelete(request.Method) && session is not null)
        {
            _open.TryRemove(session, out _);
        }
        else if (session is null)
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.Headers[SessionHeader].ToString() is { Length: > 0 } created)
                {
                    _open.TryAdd(created, 0);
                }

                return Task.CompletedTask;
            });
        }

        await next(context);
        if (advertising is not null)
        {
            await advertising.DisposeAsync(); // a JSON reply's only line has no newline to end it
        }
    }

    private static async Task SessionNotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}""");
    }

    /// <summary>What a POST carries: its method, and the tool or task it names; the body stays readable for the SDK.</summary>
    private static async Task<PostedMessage> ReadPostedAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using JsonDocument body = await JsonDocument.ParseAsync(request.Body);
            JsonElement root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("method", out JsonElement method) || method.ValueKind != JsonValueKind.String)
            {
                return default;
            }

            JsonElement parameters = root.TryGetProperty("params", out JsonElement p) && p.ValueKind == JsonValueKind.Object ? p : default;
            return new PostedMessage(
                method.GetString(),
                method.ValueEquals("tools/call") ? StringMember(parameters, "name") : null,
                StringMember(parameters, "taskId"));
        }
        catch (JsonException)
        {
            return default;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? StringMember(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private readonly record struct PostedMessage(string? Method, string? Tool, string? TaskId);
}
