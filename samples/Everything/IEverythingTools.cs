using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;
using ModelContextProtocol.Protocol;

namespace Everything;

/// <summary>Four tools of <c>@modelcontextprotocol/server-everything</c>, typed, each with its own policy.</summary>
[McpClient(JsonContext = typeof(EverythingJsonContext))]
[MaxConcurrency(16)] // the default for every tool below
public interface IEverythingTools
{
    /// <summary>Answers "Echo: {message}".</summary>
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    /// <summary>Answers with text: "The sum of 1 and 2 is 3."</summary>
    [McpTool("get-sum")]
    [Priority(McpPriority.High), Timeout(2_000), Retry(3)]
    Task<string> GetSumAsync(double a, double b, CancellationToken cancellationToken = default);

    /// <summary>Answers with structuredContent, read into a record.</summary>
    [McpTool("get-structured-content")]
    Task<Weather> GetWeatherAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Sends a progress notification per step, then a text result.</summary>
    [McpTool("trigger-long-running-operation")]
    [MaxConcurrency(2), RateLimit(5, PerSeconds = 1), QueueLimit(100)]
    Task<CallToolResult> RunLongAsync(
        double duration, double steps, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);
}
