using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using McpSdk.Invocation;
using ModelContextProtocol.Protocol;

namespace McpSdk.Benchmarks;

/// <summary>Tools of <see cref="ProxyOverheadBenchmarks"/>: the same call under different policies.</summary>
[McpClient]
public interface IOverheadTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("echo-limited"), MaxConcurrency(8), Priority(McpPriority.High)]
    Task<string> EchoLimitedAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("echo-deadline"), Timeout(2_000)]
    Task<string> EchoWithDeadlineAsync(string message, CancellationToken cancellationToken = default);
}

/// <summary>
/// What our layers (generated proxy → <see cref="ToolInvoker"/> → scheduler → session) add to one call, over a
/// session that answers synchronously. Baseline: the same arguments handed straight to the session and the text
/// read back by hand — the least any typed client must do. No target in the issue; reported for orientation.
/// </summary>
[MemoryDiagnoser]
public class ProxyOverheadBenchmarks : IAsyncDisposable
{
    private CompletedSession _session = null!;
    private McpConnection _connection = null!;
    private IOverheadTools _tools = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = new CompletedSession();
        _connection = new McpConnection(
            McpEndpoint.FromTransport(static () => throw new InvalidOperationException("No transport: the session is a fake."), "benchmark"),
            new McpConnectionOptions(),
            _session);
        _tools = _connection.CreateClient<IOverheadTools>();
    }

    [Benchmark(Baseline = true)]
    public async Task<string> Session_Direct()
    {
        using var arguments = new ToolArguments();
        arguments.Add("message", "hello", BenchmarkJsonContext.Default.String);
        CallToolResult result = await _session.CallToolAsync("echo", arguments, null, CancellationToken.None).ConfigureAwait(false);
        return ((TextContentBlock)result.Content[0]).Text;
    }

    [Benchmark]
    public Task<string> Proxy_NoPolicy() => _tools.EchoAsync("hello");

    [Benchmark]
    public Task<string> Proxy_MaxConcurrency_Priority() => _tools.EchoLimitedAsync("hello");

    [Benchmark]
    public Task<string> Proxy_Timeout() => _tools.EchoWithDeadlineAsync("hello");

    [GlobalCleanup]
    public void Cleanup() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
