using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Scheduling;

/// <summary>Policies against <see cref="Servers.TestToolServer"/>, where the server itself counts and cancels.</summary>
[McpClient]
public interface ISlowTools
{
    [McpTool("slow"), MaxConcurrency(4)]
    Task<string> SlowAsync(int milliseconds, CancellationToken cancellationToken = default);

    [McpTool("hang"), Timeout(300)]
    Task<string> HangWithDeadlineAsync(CancellationToken cancellationToken = default);

    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);
}
