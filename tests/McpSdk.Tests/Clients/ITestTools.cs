using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Protocol;

namespace McpSdk.Tests.Clients;

public sealed record Weather(double Temperature, string Conditions, double Humidity);

public sealed record Filter(string Field, IReadOnlyList<string> Values);

public enum TemperatureUnit
{
    Celsius,
    Fahrenheit,
}

public sealed record Reading(double Value, TemperatureUnit Unit);

/// <summary>Every shape the skeleton supports, against <see cref="Servers.TestToolServer"/>.</summary>
[McpClient]
public interface ITestTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    [McpTool("add")]
    ValueTask<string> AddAsync(double a, double b);

    [McpTool("arguments")]
    Task<string> ArgumentsAsync(
        string required,
        [McpArgument("max_results")] int maxResults,
        Filter filter,
        string? note = null,
        int? limit = null,
        CancellationToken cancellationToken = default);

    [McpTool("weather")]
    Task<Weather> WeatherAsync(CancellationToken cancellationToken = default);

    [McpTool("weather-wrong-type")]
    Task<Weather> WeatherWrongTypeAsync();

    [McpTool("weather-missing-member")]
    Task<Weather> WeatherMissingMemberAsync();

    [McpTool("weather-as-text")]
    Task<Weather> WeatherAsTextAsync();

    [McpTool("null-json")]
    Task<Weather?> MaybeWeatherAsync();

    [McpTool("null-json")]
    Task<Weather> SurelyWeatherAsync();

    [McpTool("image-only")]
    Task<string> ImageAsTextAsync();

    [McpTool("fail")]
    Task<string> FailAsync(string reason);

    [McpTool("fail")]
    Task FailWithoutResultAsync(string reason);

    [McpTool("fail")]
    Task<CallToolResult> FailRawAsync(string reason);

    [McpTool("progress")]
    Task<string> ProgressAsync(int steps, IProgress<McpProgress> progress, CancellationToken cancellationToken = default);

    [McpTool("hang")]
    Task<string> HangAsync(CancellationToken cancellationToken);

    [McpTool("weather")]
    Task<McpToolResult<Weather>> WeatherWithResultAsync();

    [McpTool("echo")]
    ValueTask<McpToolResult<string>> EchoWithResultAsync(string message);

    [McpTool("fail")]
    Task<McpToolResult<string>> FailWithResultAsync(string reason);

    [McpTool("arguments")]
    Task<string> CollectionsAsync(IReadOnlyList<int> numbers, Dictionary<string, double> weights, Guid id, DateTimeOffset at, bool flag);

    [McpTool("arguments")]
    Task<string> EnumArgumentsAsync(TemperatureUnit unit, TemperatureUnit? maybe = null, Reading? reading = null);

    [McpTool("reading")]
    Task<Reading> ReadingAsync();

    [McpTool("unit")]
    Task<TemperatureUnit> UnitAsync();

    [McpTool("no-such-tool")]
    Task<string> MissingToolAsync();
}

/// <summary>An interface the generator never saw: it has no [McpClient].</summary>
public interface INotAClient
{
    Task<string> EchoAsync(string message);
}
