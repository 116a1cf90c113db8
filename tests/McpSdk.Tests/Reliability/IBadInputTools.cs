using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Reliability;

/// <summary>What <c>measure-args</c> answers: the UTF-8 size and the nesting depth of the arguments it received.</summary>
public sealed record ArgumentMeasure(long Bytes, int Depth);

/// <summary>A value that nests as deep as the caller makes it.</summary>
public sealed class Nest
{
    public Nest? Inner { get; init; }
}

/// <summary>The fault server's bad-input tools (tests/McpSdk.FaultServer/Faults.cs), from our side of the wire.</summary>
[McpClient]
public interface IBadInputTools
{
    [McpTool("echo-args")]
    Task<string> EchoOptionalAsync(string? text = null, int? number = null, CancellationToken cancellationToken = default);

    [McpTool("echo-args")]
    Task<string> EchoRequiredAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("measure-args")]
    Task<ArgumentMeasure> MeasureAsync(string payload, CancellationToken cancellationToken = default);

    [McpTool("measure-args")]
    Task<ArgumentMeasure> MeasureJsonAsync(JsonElement payload, CancellationToken cancellationToken = default);

    [McpTool("measure-args")]
    Task<ArgumentMeasure> MeasureNestAsync(Nest payload, CancellationToken cancellationToken = default);

    [McpTool("big-result")]
    Task<string> BigResultAsync(int mib, CancellationToken cancellationToken = default);

    [McpTool("deep-result")]
    Task<JsonElement> DeepResultAsync(int depth, CancellationToken cancellationToken = default);

    [McpTool("invalid-utf8")]
    Task<string> InvalidUtf8Async(CancellationToken cancellationToken = default);

    [McpTool("with space")]
    Task<string> WithSpaceAsync(CancellationToken cancellationToken = default);

    [McpTool("ünïcødé-工具-🔧")]
    Task<string> UnicodeAsync(CancellationToken cancellationToken = default);

    [McpTool("a/b/c")]
    Task<string> SlashesAsync(CancellationToken cancellationToken = default);

    [McpTool("dots.in.name")]
    Task<string> DotsAsync(CancellationToken cancellationToken = default);

    [McpTool("semi;colon&amp")]
    Task<string> PunctuationAsync(CancellationToken cancellationToken = default);

    [McpTool("tool-10000")]
    Task<string> LastOfTenThousandAsync(CancellationToken cancellationToken = default);
}

/// <summary><c>deep-result</c> under a deadline: the answer the SDK cannot parse never arrives.</summary>
[McpClient]
[Timeout(2_000)]
public interface IDeepResultWithTimeout
{
    [McpTool("deep-result")]
    Task<JsonElement> DeepResultAsync(int depth, CancellationToken cancellationToken = default);
}
