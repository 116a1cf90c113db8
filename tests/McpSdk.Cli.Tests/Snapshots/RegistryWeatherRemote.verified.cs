// Scaffolded by 'mcpsdk scaffold' from the MCP server weather-remote 1.0.0 (1 tool).
// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].
// Tools without an output schema return their text content; one that answers with images or resources needs
// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.
#nullable enable

using System.Threading;
using System.Threading.Tasks;
using McpSdk;

namespace Registry.Weather;

/// <summary>The tools of the MCP server weather-remote 1.0.0.</summary>
[McpClient]
public interface IWeatherRemoteTools
{
    /// <summary>Tomorrow's forecast for a city.</summary>
    /// <param name="city">The city.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-forecast")]
    Task<string> GetForecastAsync(string city, CancellationToken cancellationToken = default);
}
