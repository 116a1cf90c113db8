using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;

namespace McpSdk.Tests.Pool;

/// <summary>server-everything's tools as the pool tests call them.</summary>
[McpClient]
public interface IPoolTools
{
    [McpTool("trigger-long-running-operation")]
    Task<CallToolResult> SlowAsync(double duration, double steps, CancellationToken cancellationToken = default);

    [McpTool("trigger-long-running-operation"), Retry(3, BaseDelayMilliseconds = 50)]
    Task<CallToolResult> SlowWithRetryAsync(double duration, double steps, CancellationToken cancellationToken = default);

    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);
}
