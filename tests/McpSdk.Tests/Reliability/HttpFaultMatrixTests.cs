using System;
using System.Net.Http;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using Xunit;
using Xunit.Abstractions;

namespace McpSdk.Tests.Reliability;

/// <summary>
/// The fault matrix over Streamable HTTP: tests/McpSdk.FaultServer in <c>http</c> mode (the official SDK's HTTP server
/// behind a middleware that breaks chosen requests), a fresh server process per cell, the same cells and assertions as
/// <see cref="FaultMatrixTests"/>, on both engines (the lean one, the default, and the official SDK's). Disposal must end
/// every HTTP session the cell opened (the client sends DELETE).
/// </summary>
public sealed class HttpFaultMatrixTests(ITestOutputHelper output)
{
    /// <summary>A baseline, a hang (cancelling a POST), and the faults of the HTTP layer.</summary>
    public static readonly string[] Faults = ["ok", "hang", "http-500", "http-reset", "http-404-session", "sse-cut"];

    public static TheoryData<string, string, McpSessionEngine> Cells()
    {
        var cells = new TheoryData<string, string, McpSessionEngine>();
        foreach (McpSessionEngine engine in new[] { McpSessionEngine.Lean, McpSessionEngine.Sdk })
        {
            foreach (string fault in Faults)
            {
                foreach (string policy in FaultMatrixTests.Policies)
                {
                    cells.Add(fault, policy, engine);
                }
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Http_fault_under_policy_keeps_every_invariant_and_the_pool_recovers(string fault, string policy, McpSessionEngine engine)
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync();
        McpEndpoint endpoint = McpEndpoint.Http(server.Uri, new McpHttpOptions { TransportMode = HttpTransportMode.StreamableHttp });
        string summary = await FaultMatrixTests.RunCellAsync(endpoint, fault, policy, engine);

        // Disposal ends every HTTP session the cell opened (DELETE), except those the server itself expired.
        await server.AssertSessionsClosedAsync($"{fault}/{policy}/{engine}");
        output.WriteLine($"CELL | http ({engine}) | {fault} | {policy} | {summary}");
    }

    /// <summary>
    /// The same cells over HTTPS, where McpSdk's defaults speak HTTP/2: a reset is a stream reset there, not a closed
    /// connection, and must still reach callers as the same typed failures.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Https_fault_over_http2_under_policy_keeps_every_invariant_and_the_pool_recovers(string fault, string policy, McpSessionEngine engine)
    {
        await using HttpFaultServer server = await HttpFaultServer.StartAsync(https: true);
        McpEndpoint endpoint = McpEndpoint.Http(server.Uri, new McpHttpOptions
        {
            TransportMode = HttpTransportMode.StreamableHttp,
            HttpClientFactory = s_trustingClients.Value,
            HttpClientName = TrustingClientName,
        });
        string summary = await FaultMatrixTests.RunCellAsync(endpoint, fault, policy, engine);
        await server.AssertSessionsClosedAsync($"{fault}/{policy}/{engine} over HTTPS");

        string protocols = await server.ProtocolsAsync();
        Assert.DoesNotContain("HTTP/1.1", protocols, StringComparison.Ordinal);
        output.WriteLine($"CELL | https (HTTP/2, {engine}) | {fault} | {policy} | {summary}");
    }

    private const string TrustingClientName = "https-fault-matrix";

    private static readonly Lazy<IHttpClientFactory> s_trustingClients = new(() => HttpFaultServer.TrustingClients(TrustingClientName));
}
