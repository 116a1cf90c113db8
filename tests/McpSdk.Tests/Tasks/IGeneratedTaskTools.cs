using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Tasks;

/// <summary>
/// The fault server's task tools through every generated task shape: <c>[RunAsTask]</c> on a method, and the
/// <c>Task&lt;McpTask&lt;T&gt;&gt;</c> / <c>ValueTask&lt;McpTask&lt;T&gt;&gt;</c> handles.
/// </summary>
[McpClient]
public interface IGeneratedTaskTools
{
    /// <summary><c>task-ttl</c> is optional: the attribute makes it a task, and its result is the ttl it was created with.</summary>
    [McpTool("task-ttl"), RunAsTask(TimeToLiveSeconds = 600)]
    Task<string> TenMinuteTtlAsync(CancellationToken cancellationToken = default);

    [McpTool("task-ttl")]
    Task<McpTask<string>> StartTtlAsync(CancellationToken cancellationToken = default);

    [McpTool("task-optional"), RunAsTask]
    Task<string> OptionalAsTaskAsync(string text, CancellationToken cancellationToken = default);

    /// <summary><c>ok</c> forbids tasks: the attribute is refused.</summary>
    [McpTool("ok"), RunAsTask]
    Task<string> OkAsTaskAsync(CancellationToken cancellationToken = default);

    [McpTool("task-ok")]
    ValueTask<McpTask<string>> StartOkAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Working until <see cref="ReleaseAsync"/> is called with <c>"release:" + text</c>.</summary>
    [McpTool("task-held")]
    Task<McpTask<string>> StartHeldAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("task-held")]
    Task<string> ReleaseAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("task-crash"), Retry(3, BaseDelayMilliseconds = 50)]
    Task<string> CrashRetriedAsync(CancellationToken cancellationToken = default);
}

/// <summary><c>[RunAsTask]</c> on the interface: the default for every method, which a method's own attribute overrides.</summary>
[McpClient]
[RunAsTask(TimeToLiveSeconds = 120)]
public interface ITwoMinuteTaskTools
{
    [McpTool("task-ttl")]
    Task<string> TtlAsync(CancellationToken cancellationToken = default);

    [McpTool("task-ttl"), RunAsTask(TimeToLiveSeconds = 30)]
    Task<string> ThirtySecondTtlAsync(CancellationToken cancellationToken = default);

    [McpTool("task-optional")]
    Task<string> OptionalAsync(string text, CancellationToken cancellationToken = default);
}

/// <summary>A handle method alone, for its Microsoft.Extensions.AI function.</summary>
[McpClient]
public interface IStartedTaskTools
{
    [McpTool("task-ok")]
    Task<McpTask<string>> StartOkAsync(string text, CancellationToken cancellationToken = default);
}
