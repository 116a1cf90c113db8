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
// Every scenario gets the same connection (the same options, automatic protocol-version negotiation); the scenario
// only chooses which tools to call once connected.
if (args.Length == 0 || !Uri.TryCreate(args[^1], UriKind.Absolute, out Uri? serverUrl))
{
    Console.Error.WriteLine("usage: McpSdk.Conformance.Client <server URL>   (scenario in MCP_CONFORMANCE_SCENARIO)");
    return 2;
}

string scenario = Environment.GetEnvironmentVariable("MCP_CONFORMANCE_SCENARIO") ?? string.Empty;
LogLevel logLevel = Environment.GetEnvironmentVariable("MCPSDK_CONFORMANCE_VERBOSE") is "1" ? LogLevel.Debug : LogLevel.Warning;

// What each scenario asks of a client after connecting. `initialize` (and any scenario not named here) is the
// handshake itself: opening the connection is the whole test.
var workloads = new Dictionary<string, Func<IConformanceTools, CancellationToken, Task<string>>>(StringComparer.Ordinal)
{
    ["tools_call"] = (tools, token) => tools.AddNumbersAsync(2, 3, token),
    ["elicitation-sep1034-client-defaults"] = (tools, token) => tools.TestClientElicitationDefaultsAsync(token),
    ["sse-retry"] = (tools, token) => tools.TestReconnectionAsync(token),
};

// The suite kills a client after 30 s; stop first, and say why.
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(25));
using var loggerFactory = new StderrLoggerFactory(logLevel);
var options = new McpConnectionOptions
{
    ClientInfo = new Implementation { Name = "mcpsdk-conformance-client", Version = "0.1.0" },
    LoggerFactory = loggerFactory,
    ElicitationHandler = AcceptWithDefaults,
};

try
{
    await using McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Http(serverUrl), options, deadline.Token);
    Console.WriteLine($"connected to {connection.Endpoint.Name} (scenario '{scenario}')");

    if (workloads.TryGetValue(scenario, out Func<IConformanceTools, CancellationToken, Task<string>>? workload))
    {
        string answer = await workload(connection.CreateClient<IConformanceTools>(), deadline.Token);
        Console.WriteLine(answer);
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
