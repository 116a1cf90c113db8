using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;
using McpSdk.Conformance.Client;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

// The client the MCP conformance suite runs (scripts/conformance.sh): `McpSdk.Conformance.Client [options...] <server URL>`.
// The suite appends the test server's URL as the last argument and names the scenario in MCP_CONFORMANCE_SCENARIO.
// Every scenario gets the same connection (the same options, automatic protocol-version negotiation, the same OAuth
// settings, filled with the credentials the suite hands out in MCP_CONFORMANCE_CONTEXT); the scenario only chooses which
// tools to call once connected.
if (args.Length == 0 || !Uri.TryCreate(args[^1], UriKind.Absolute, out Uri? serverUrl))
{
    Console.Error.WriteLine("usage: McpSdk.Conformance.Client <server URL>   (scenario in MCP_CONFORMANCE_SCENARIO)");
    return 2;
}

string scenario = Environment.GetEnvironmentVariable("MCP_CONFORMANCE_SCENARIO") ?? string.Empty;
LogLevel logLevel = Environment.GetEnvironmentVariable("MCPSDK_CONFORMANCE_VERBOSE") is "1" ? LogLevel.Debug : LogLevel.Warning;

// The tools the suite's test servers offer. Every scenario runs the same workload: after connecting, call each of them;
// a server that does not offer one answers with an error, and the client goes on to the next. So no scenario is treated
// differently: what a server offers decides what runs, as with any real server.
var calls = new (string Tool, Func<IConformanceTools, CancellationToken, Task<string>> Call)[]
{
    ("add_numbers", (tools, token) => tools.AddNumbersAsync(2, 3, token)),
    ("test_client_elicitation_defaults", (tools, token) => tools.TestClientElicitationDefaultsAsync(token)),
    ("test_reconnection", (tools, token) => tools.TestReconnectionAsync(token)),
    ("test-tool", (tools, token) => tools.TestToolAsync(token)),
};

// The suite kills a client after its --timeout (30 s by default; scripts/conformance.sh gives more, since the whole suite
// runs in parallel on a small machine and says how long in MCPSDK_CONFORMANCE_DEADLINE_SECONDS); stop first, and say why.
int deadlineSeconds = int.TryParse(Environment.GetEnvironmentVariable("MCPSDK_CONFORMANCE_DEADLINE_SECONDS"), out int seconds) ? seconds : 25;
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(deadlineSeconds));
using var loggerFactory = new StderrLoggerFactory(logLevel);
var options = new McpConnectionOptions
{
    ClientInfo = new Implementation { Name = "mcpsdk-conformance-client", Version = "0.1.0" },
    LoggerFactory = loggerFactory,
    ElicitationHandler = AcceptWithDefaults,

    // scripts/conformance.sh --engine: auto (the default, what users get), lean or sdk.
    Engine = Environment.GetEnvironmentVariable("MCPSDK_CONFORMANCE_ENGINE") switch
    {
        "lean" => McpSessionEngine.Lean,
        "sdk" => McpSessionEngine.Sdk,
        _ => McpSessionEngine.Auto,
    },
};

try
{
    // OAuth where the scenario is about authorization: an endpoint with OAuth options runs on the official SDK's engine
    // (its flows live in the SDK's transport), and every other scenario should exercise the default, lean engine.
    var http = new McpHttpOptions
    {
        OAuth = scenario.StartsWith("auth/", StringComparison.Ordinal)
            ? ConformanceAuthorization.Create(Environment.GetEnvironmentVariable("MCP_CONFORMANCE_CONTEXT"))
            : null,
    };
    await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(serverUrl, http), options, deadline.Token);
    Console.WriteLine($"connected to {connection.Endpoint.Name} (scenario '{scenario}')");

    IConformanceTools tools = connection.CreateClient<IConformanceTools>();
    foreach ((string tool, Func<IConformanceTools, CancellationToken, Task<string>> call) in calls)
    {
        try
        {
            Console.WriteLine($"{tool}: {await call(tools, deadline.Token)}");
        }
        catch (Exception error) when (error is McpProtocolException or McpToolException)
        {
            Console.WriteLine($"{tool}: not offered here ({error.Message})");
        }
    }

    return 0;
}
catch (Exception error)
{
    Console.Error.WriteLine($"scenario '{scenario}' failed: {(deadline.IsCancellationRequested ? "timed out: " : string.Empty)}{error}");
    return 1;
}

// A user who accepts the form as offered: every field keeps the default the server's schema gives it (SEP-1034).
// Each field's schema is read back as the JSON the server sent, so every kind of field (string, number, boolean,
// single and multi-select enums) gives its "default" the same way. The official SDK (2.4.0) also fills defaults into
// an accepted answer that omits them (an empty accept passes the scenario too); this handler does not rely on that.
static ValueTask<ElicitResult> AcceptWithDefaults(ElicitRequestParams? request, CancellationToken cancellationToken)
{
    var schemaInfo = (JsonTypeInfo<ElicitRequestParams.PrimitiveSchemaDefinition>)McpJsonUtilities.DefaultOptions.GetTypeInfo(
        typeof(ElicitRequestParams.PrimitiveSchemaDefinition));
    var content = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
    foreach (KeyValuePair<string, ElicitRequestParams.PrimitiveSchemaDefinition> field in
        request?.RequestedSchema?.Properties ?? new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>())
    {
        JsonElement schema = JsonSerializer.SerializeToElement(field.Value, schemaInfo);
        if (schema.TryGetProperty("default", out JsonElement value) && value.ValueKind != JsonValueKind.Null)
        {
            content[field.Key] = value.Clone();
        }
    }

    return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = content });
}
