using System.Threading;
using System.Threading.Tasks;
using Everything;
using McpSdk;

namespace Agent;

/// <summary>The tools the model may call; the XML docs become the functions' descriptions.</summary>
[McpClient(JsonContext = typeof(EverythingJsonContext))]
public interface IAgentTools
{
    /// <summary>Gets the current weather in a city.</summary>
    /// <param name="location">The city: New York, Chicago or Los Angeles.</param>
    [McpTool("get-structured-content")]
    Task<Weather> GetWeatherAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Adds two numbers and says the sum in a sentence.</summary>
    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, double b, CancellationToken cancellationToken = default);

    /// <summary>Runs a slow job; the server can take at most two at once.</summary>
    /// <param name="duration">How long the job takes, in seconds.</param>
    /// <param name="steps">How many steps it reports.</param>
    [McpTool("trigger-long-running-operation"), MaxConcurrency(2)]
    Task<string> RunJobAsync(double duration, double steps = 1, CancellationToken cancellationToken = default);
}
