using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Tasks;

/// <summary>The fault server's task tools (<c>tests/McpSdk.FaultServer/FaultTasks.cs</c>), as plain typed methods.</summary>
[McpClient]
public interface IFaultTaskTools
{
    [McpTool("task-ok")]
    Task<string> OkAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("task-fails")]
    Task<string> FailsAsync(CancellationToken cancellationToken = default);

    [McpTool("task-wrong-shape")]
    Task<TaskReport> WrongShapeAsync(CancellationToken cancellationToken = default);

    [McpTool("task-forgotten")]
    Task<string> ForgottenAsync(CancellationToken cancellationToken = default);

    [McpTool("task-notify")]
    Task<string> NotifyAsync(CancellationToken cancellationToken = default);

    [McpTool("task-lose-session")]
    Task<string> LoseSessionAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("task-crash")]
    Task<string> CrashAsync(CancellationToken cancellationToken = default);

    [McpTool("task-two-polls")]
    [MaxConcurrency(1)]
    Task<string> TwoPollsAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("task-optional")]
    Task<string> OptionalAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>A shape <c>task-wrong-shape</c>'s result does not have.</summary>
public sealed record TaskReport(string Title, int Pages);
