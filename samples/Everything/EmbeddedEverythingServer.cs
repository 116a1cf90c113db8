using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Everything;

/// <summary>
/// An in-process stand-in for <c>@modelcontextprotocol/server-everything</c> with the four tools the sample
/// calls, built on the official SDK's low-level handlers, so that the sample runs on a machine without Node.
/// </summary>
internal static class EmbeddedEverythingServer
{
    private static readonly Dictionary<string, Weather> s_weather = new(StringComparer.Ordinal)
    {
        ["New York"] = new(33, "Cloudy", 82),
        ["Chicago"] = new(36, "Light rain / drizzle", 82),
        ["Los Angeles"] = new(73, "Sunny / Clear", 48),
    };

    private static int s_longRuns;
    private static int s_mostLongRuns;

    /// <summary>The most <c>trigger-long-running-operation</c> calls that ever ran at once on this server (the Agent sample prints it).</summary>
    public static int MostLongRunsAtOnce => Volatile.Read(ref s_mostLongRuns);

    public static McpServerOptions CreateOptions() => new()
    {
        ServerInfo = new Implementation { Name = "embedded-everything", Version = "1.0.0" },
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult
            {
                Tools =
                [
                    Tool("echo", """{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}"""),
                    Tool("get-sum", """{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]}"""),
                    Tool("get-structured-content", """{"type":"object","properties":{"location":{"type":"string","enum":["New York","Chicago","Los Angeles"]}},"required":["location"]}"""),
                    Tool("trigger-long-running-operation", """{"type":"object","properties":{"duration":{"type":"number"},"steps":{"type":"number"}}}"""),
                ],
            }),
            CallToolHandler = CallToolAsync,
        },
    };

    private static Tool Tool(string name, string inputSchema) => new()
    {
        Name = name,
        InputSchema = JsonDocument.Parse(inputSchema).RootElement.Clone(),
    };

    private static async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        CallToolRequestParams request = context.Params ?? throw new McpProtocolException("Missing params.", McpErrorCode.InvalidParams);
        IDictionary<string, JsonElement> args = request.Arguments ?? new Dictionary<string, JsonElement>();
        switch (request.Name)
        {
            case "echo" when args.TryGetValue("message", out JsonElement message) && message.ValueKind == JsonValueKind.String:
                return Text($"Echo: {message.GetString()}");

            case "get-sum" when TryNumber(args, "a", out double a) && TryNumber(args, "b", out double b):
                return Text(string.Create(CultureInfo.InvariantCulture, $"The sum of {a} and {b} is {a + b}."));

            case "get-structured-content" when args.TryGetValue("location", out JsonElement location)
                                             && location.GetString() is { } city && s_weather.TryGetValue(city, out Weather? weather):
                JsonElement structured = JsonSerializer.SerializeToElement(weather, EmbeddedJsonContext.Default.Weather);
                return new CallToolResult { Content = [new TextContentBlock { Text = structured.GetRawText() }], StructuredContent = structured };

            case "trigger-long-running-operation":
                double duration = TryNumber(args, "duration", out double d) ? d : 10;
                double steps = TryNumber(args, "steps", out double s) ? s : 5;
                ProgressToken? token = request.ProgressToken;
                int running = Interlocked.Increment(ref s_longRuns);
                for (int most = Volatile.Read(ref s_mostLongRuns); running > most; most = Volatile.Read(ref s_mostLongRuns))
                {
                    Interlocked.CompareExchange(ref s_mostLongRuns, running, most);
                }

                try
                {
                    for (int step = 1; step <= steps; step++)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(duration / steps), cancellationToken).ConfigureAwait(false);
                        if (token is { } progressToken)
                        {
                            await context.Server.NotifyProgressAsync(
                                progressToken, new ProgressNotificationValue { Progress = step, Total = (float)steps }, cancellationToken: cancellationToken).ConfigureAwait(false);
                        }
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref s_longRuns);
                }

                return Text(string.Create(CultureInfo.InvariantCulture, $"Long running operation completed. Duration: {duration} seconds, Steps: {steps}."));

            default:
                return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = $"Invalid arguments for tool {request.Name}." }] };
        }
    }

    private static bool TryNumber(IDictionary<string, JsonElement> args, string name, out double value)
    {
        value = 0;
        return args.TryGetValue(name, out JsonElement element) && element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value);
    }

    private static CallToolResult Text(string text) => new() { Content = [new TextContentBlock { Text = text }] };
}
