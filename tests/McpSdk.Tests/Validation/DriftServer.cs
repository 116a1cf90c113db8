using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.Tests.Validation;

/// <summary>An in-process server whose tools/list declares schemas, for tool validation; counts its tools/list calls.</summary>
internal sealed class DriftServer
{
    private int _listCalls;

    public int ListCalls => Volatile.Read(ref _listCalls);

    public McpEndpoint Endpoint => McpEndpoint.InProcess(CreateOptions, "drift server");

    private McpServerOptions CreateOptions() => new()
    {
        ServerInfo = new Implementation { Name = "drift-server", Version = "1.0.0" },
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) =>
            {
                Interlocked.Increment(ref _listCalls);
                return ValueTask.FromResult(new ListToolsResult
                {
                    Tools =
                    [
                        Tool("echo", """{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}"""),
                        Tool("add", """{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]}"""),
                        Tool("search", """{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":["integer","null"]},"tags":{"type":"array","items":{"type":"string"}}},"required":["query"]}"""),
                    ],
                });
            },
            CallToolHandler = (context, _) => ValueTask.FromResult(new CallToolResult
            {
                Content = [new TextContentBlock { Text = context.Params!.Name + " ok" }],
            }),
        },
    };

    private static Tool Tool(string name, string inputSchema) => new()
    {
        Name = name,
        InputSchema = JsonDocument.Parse(inputSchema).RootElement.Clone(),
    };
}

/// <summary>Declares exactly what <see cref="DriftServer"/> lists.</summary>
[McpClient]
public interface IMatchingDriftTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("add")]
    Task<string> AddAsync(double a, int b, CancellationToken cancellationToken = default);

    [McpTool("search")]
    Task<string> SearchAsync(string query, int? limit = null, IReadOnlyList<string>? tags = null, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="DriftServer"/> lists, declared by an out-of-date client: one drift of every kind.</summary>
[McpClient]
public interface IDriftedTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("add")]
    Task<string> AddAsync(string a, double b, CancellationToken cancellationToken = default);

    [McpTool("removed")]
    Task<string> RemovedAsync(CancellationToken cancellationToken = default);
}
