using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;
using ModelContextProtocol.Protocol;

namespace Everything;

/// <summary>Four tools of <c>@modelcontextprotocol/server-everything</c>, typed.</summary>
[McpClient(JsonContext = typeof(EverythingJsonContext))]
public interface IEverythingTools
{
    /// <summary>Answers "Echo: {message}".</summary>
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    /// <summary>Answers with text: "The sum of 1 and 2 is 3."</summary>
    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, double b, CancellationToken cancellationToken = default);

    /// <summary>Answers with structuredContent, read into a record.</summary>
    [McpTool("get-structured-content")]
    Task<Weather> GetWeatherAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Sends a progress notification per step, then a text result.</summary>
    [McpTool("trigger-long-running-operation")]
    Task<CallToolResult> RunLongAsync(
        double duration, double steps, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);
}
