using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.Cli.Tests.Registry;

/// <summary>
/// A small MCP registry on Kestrel, on a free loopback port, under a path prefix as a private registry might be: the v0
/// read API over the <c>server.json</c> documents in <c>Registry/Entries</c> (wrapped with the official registry's
/// <c>_meta</c>), and, at <c>/mcp</c>, the Streamable HTTP server the weather-remote entry points at (it answers 401
/// without the API key). No network beyond loopback.
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    private const string Prefix = "/private/registry";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _entries = [];

    private LocalRegistry(WebApplication app) => _app = app;

    /// <summary>The registry's base URL, as <c>--registry-url</c> takes it.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Each request's target as it arrived (path escaped as the client sent it).</summary>
    public ConcurrentQueue<string> RawTargets { get; } = new();

    /// <summary>Requests to the remote MCP server that carried the right API key.</summary>
    public int AuthorizedMcpRequests => _authorized;

    private int _authorized;

    public static async Task<LocalRegistry> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services
            .AddMcpServer(options => options.ServerInfo = new Implementation { Name = "weather-remote", Version = "1.0.0" })
            .WithHttpTransport()
            .WithTools<WeatherTools>();
        WebApplication app = builder.Build();
        var registry = new LocalRegistry(app);
        app.Use(registry.RecordAndAuthorizeAsync);
        app.MapGet(Prefix + "/v0/servers", registry.List);
        app.MapGet(Prefix + "/v0/servers/{name}/versions/{version}", registry.Get);
        app.MapMcp("/mcp");
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        registry.BaseUrl = address + Prefix;
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Registry", "Entries"), "*.json").Order(StringComparer.Ordinal))
        {
            registry._entries.Add(JsonNode.Parse(File.ReadAllText(file).Replace("{{baseUrl}}", address, StringComparison.Ordinal))!.AsObject());
        }

        return registry;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task RecordAndAuthorizeAsync(HttpContext context, RequestDelegate next)
    {
        RawTargets.Enqueue(context.Features.Get<IHttpRequestFeature>()!.RawTarget);
        if (context.Request.Path.StartsWithSegments("/mcp"))
        {
            if (context.Request.Headers["X-Api-Key"] != ApiKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            System.Threading.Interlocked.Increment(ref _authorized);
        }

        await next(context);
    }

    private IResult List(string? search, int? limit, string? cursor, string? version)
    {
        IEnumerable<JsonObject> matching = _entries
            .Where(e => search is null || Name(e).Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(e => version is null || (version == "latest" ? IsLatest(e) : Version(e) == version))
            .OrderBy(Name, StringComparer.Ordinal);
        int skip = int.TryParse(cursor, out int start) ? start : 0;
        int take = limit ?? 30;
        JsonObject[] page = [.. matching.Skip(skip).Take(take)];
        bool more = matching.Count() > skip + take;
        var body = new JsonObject
        {
            ["servers"] = new JsonArray([.. page.Select(Response)]),
            ["metadata"] = new JsonObject { ["count"] = page.Length, ["nextCursor"] = more ? (skip + take).ToString(System.Globalization.CultureInfo.InvariantCulture) : null },
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private IResult Get(string name, string version)
    {
        // Routing leaves %2F escaped in a segment: the name arrives as the client escaped it.
        string serverName = Uri.UnescapeDataString(name);
        JsonObject? entry = _entries.FirstOrDefault(e => Name(e) == serverName && (version == "latest" ? IsLatest(e) : Version(e) == version));
        return entry is null
            ? Results.Json(new { error = "Server not found" }, statusCode: StatusCodes.Status404NotFound)
            : Results.Text(Response(entry).ToJsonString(), "application/json");
    }

    private JsonObject Response(JsonObject entry) => new()
    {
        ["server"] = entry.DeepClone(),
        ["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol.registry/official"] = new JsonObject
            {
                ["status"] = "active",
                ["publishedAt"] = "2026-09-01T10:30:00Z",
                ["updatedAt"] = "2026-09-01T10:30:00Z",
                ["isLatest"] = IsLatest(entry),
            },
        },
    };

    private bool IsLatest(JsonObject entry) =>
        _entries.Where(e => Name(e) == Name(entry)).MaxBy(e => System.Version.Parse(Version(e))) == entry;

    private static string Name(JsonObject entry) => (string)entry["name"]!;

    private static string Version(JsonObject entry) => (string)entry["version"]!;

    /// <summary>The remote test server's one tool.</summary>
    [McpServerToolType]
    private sealed class WeatherTools
    {
        [McpServerTool(Name = "get-forecast"), Description("Tomorrow's forecast for a city.")]
        public static string GetForecast([Description("The city.")] string city) => $"Sunny in {city}";
    }
}
