using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Agents;

/// <summary>Tools a model calls through FunctionInvokingChatClient, each with the policy one agent test needs.</summary>
[McpClient]
public interface IAgentTools
{
    /// <summary>Looks up the forecast for a city.</summary>
    /// <param name="city">The city's name.</param>
    /// <param name="units">The units of the temperature.</param>
    [McpTool("agent-forecast"), MaxConcurrency(2)]
    Task<Forecast> ForecastAsync(string city, Units units = Units.Metric, CancellationToken cancellationToken = default);

    [McpTool("agent-quota"), RateLimit(1, PerSeconds = 3600, Mode = RateLimitMode.Reject)]
    [Description("A tool the model may call once an hour.")]
    Task<string> QuotaAsync(int id, CancellationToken cancellationToken = default);

    [McpTool("agent-echo")]
    Task<string> EchoAsync(string message, int? times = null, CancellationToken cancellationToken = default);
}

public enum Units
{
    Metric,
    Imperial,
}

public sealed record Forecast(string City, double Temperature, Units Units);
