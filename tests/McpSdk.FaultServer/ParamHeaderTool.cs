using System;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.FaultServer;

/// <summary>
/// <c>param-headers</c>, served over Streamable HTTP only: a tool whose <c>inputSchema</c> binds arguments to
/// <c>Mcp-Param-*</c> headers with <c>x-mcp-header</c> (SEP-2243) — an integer, a string, a boolean, and a string one
/// object down — and answers with the <c>Mcp-Param-*</c> headers its request carried, as sent, sorted by name. It is in
/// the SDK's tool collection, so in the stateless form the SDK's own StreamableHttpHandler checks those headers against
/// the arguments and refuses a call without them (HTTP 400, HeaderMismatch) before the tool runs.
/// </summary>
internal static class ParamHeaderTool
{
    public const string Name = "param-headers";

    private const string InputSchema = """
        {
          "type": "object",
          "properties": {
            "count": { "type": "integer", "x-mcp-header": "Count" },
            "region": { "type": "string", "x-mcp-header": "Region" },
            "dryRun": { "type": "boolean", "x-mcp-header": "Dry-Run" },
            "target": {
              "type": "object",
              "properties": { "zone": { "type": ["string", "null"], "x-mcp-header": "Zone" } }
            },
            "note": { "type": "string" }
          }
        }
        """;

    public static void Register(McpServerOptions options, IHttpContextAccessor http)
    {
        McpServerTool tool = McpServerTool.Create(
            () => string.Join("; ", http.HttpContext!.Request.Headers
                .Where(header => header.Key.StartsWith("Mcp-Param-", StringComparison.OrdinalIgnoreCase))
                .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
                .Select(header => $"{header.Key}={header.Value}")),
            new McpServerToolCreateOptions { Name = Name });
        tool.ProtocolTool.InputSchema = JsonElement.Parse(InputSchema);
        (options.ToolCollection ??= []).Add(tool);
    }
}
