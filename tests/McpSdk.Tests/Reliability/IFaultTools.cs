using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Reliability;

/// <summary>What <c>wrong-shape</c> is read as; the fault server answers with a different structuredContent.</summary>
public sealed record FaultShape(string Name, int Count);

/// <summary>
/// The fault server's tools (tests/McpSdk.FaultServer), one method per fault. Not a client itself: each policy below
/// is an <c>[McpClient]</c> interface that inherits these methods and puts its policy on all of them.
/// </summary>
public interface IFaultCalls
{
    [McpTool("ok")]
    Task<string> OkAsync(CancellationToken cancellationToken = default);

    [McpTool("crash-now")]
    Task<string> CrashNowAsync(CancellationToken cancellationToken = default);

    [McpTool("crash-after")]
    Task<string> CrashAfterAsync(int n, CancellationToken cancellationToken = default);

    [McpTool("hang")]
    Task<string> HangAsync(CancellationToken cancellationToken = default);

    [McpTool("slow")]
    Task<string> SlowAsync(int ms, CancellationToken cancellationToken = default);

    [McpTool("garbage")]
    Task<string> GarbageAsync(CancellationToken cancellationToken = default);

    [McpTool("partial")]
    Task<string> PartialAsync(CancellationToken cancellationToken = default);

    [McpTool("is-error")]
    Task<string> IsErrorAsync(CancellationToken cancellationToken = default);

    [McpTool("wrong-shape")]
    Task<FaultShape> WrongShapeAsync(CancellationToken cancellationToken = default);

    [McpTool("progress-after-result")]
    Task<string> ProgressAfterResultAsync(IProgress<McpProgress> progress, CancellationToken cancellationToken = default);

    [McpTool("unknown-id")]
    Task<string> UnknownIdAsync(CancellationToken cancellationToken = default);

    [McpTool("http-500")]
    Task<string> Http500Async(CancellationToken cancellationToken = default);

    [McpTool("http-reset")]
    Task<string> HttpResetAsync(CancellationToken cancellationToken = default);

    [McpTool("http-404-session")]
    Task<string> Http404SessionAsync(CancellationToken cancellationToken = default);

    [McpTool("sse-cut")]
    Task<string> SseCutAsync(CancellationToken cancellationToken = default);
}

/// <summary>No policy: the caller's token is the only deadline.</summary>
[McpClient]
public interface IFaultsPlain : IFaultCalls
{
}

/// <summary>Every tool under a deadline of <see cref="FaultMatrixTests.TimeoutMilliseconds"/>.</summary>
[McpClient]
[Timeout(FaultMatrixTests.TimeoutMilliseconds)]
public interface IFaultsWithTimeout : IFaultCalls
{
}

/// <summary>Every tool retried: lost sessions and transport faults, never tool errors, mismatches or cancellation.</summary>
[McpClient]
[Retry(FaultMatrixTests.RetryAttempts, BaseDelayMilliseconds = 50)]
public interface IFaultsWithRetry : IFaultCalls
{
}

/// <summary>Every tool limited to <see cref="FaultMatrixTests.ConcurrencyLimit"/> calls in flight.</summary>
[McpClient]
[MaxConcurrency(FaultMatrixTests.ConcurrencyLimit)]
public interface IFaultsWithMaxConcurrency : IFaultCalls
{
}

/// <summary>Every tool under a rate limit generous enough never to bite: it exists for its timer (leak checks).</summary>
[McpClient]
[RateLimit(10_000, PerSeconds = 1)]
public interface IFaultsWithRateLimit : IFaultCalls
{
}
