using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using ModelContextProtocol.Protocol;

namespace McpSdk.Tests.Peers;

/// <summary>Tools of the real <c>@modelcontextprotocol/server-everything@2026.8.31</c>.</summary>
[McpClient]
public interface IServerEverything
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, double b, CancellationToken cancellationToken = default);

    /// <summary>Declared wrongly on purpose: the server validates 'a' as a number and answers isError.</summary>
    [McpTool("get-sum")]
    Task<string> GetSumOfTextAsync(string a, double b, CancellationToken cancellationToken = default);

    [McpTool("get-structured-content")]
    Task<Weather> GetWeatherAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Declared wrongly on purpose: the structured content has no 'speed' member.</summary>
    [McpTool("get-structured-content")]
    Task<Wind> GetWindAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Its <c>messageType</c> is a zod enum of <c>"error"</c>, <c>"success"</c>, <c>"debug"</c>.</summary>
    [McpTool("get-annotated-message")]
    Task<string> GetAnnotatedMessageAsync(MessageKind messageType, bool includeImage = false, CancellationToken cancellationToken = default);

    [McpTool("trigger-long-running-operation")]
    Task<CallToolResult> RunLongAsync(double duration, double steps, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>A plain C# enum, as a newcomer declares one: no attribute names its wire values.</summary>
public enum MessageKind
{
    Error,
    Success,
    Debug,
}

/// <summary>A shape server-everything never answers with.</summary>
public sealed record Wind(double Speed, string Direction);
