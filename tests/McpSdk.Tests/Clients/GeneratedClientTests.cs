using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Tests.Servers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Tests.Clients;

/// <summary>Generated proxies called end to end against an in-process server.</summary>
public sealed class GeneratedClientTests : IAsyncLifetime
{
    private readonly TestToolServer _server = new();
    private McpConnection _connection = null!;
    private ITestTools _tools = null!;

    public async Task InitializeAsync()
    {
        _connection = await McpConnection.OpenAsync(_server.Endpoint);
        _tools = _connection.CreateClient<ITestTools>();
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Text_result_is_returned_as_string()
    {
        Assert.Equal("Echo: hi", await _tools.EchoAsync("hi"));
    }

    [Fact]
    public async Task ValueTask_method_returns_the_result()
    {
        Assert.Equal("3.5", await _tools.AddAsync(1.25, 2.25));
    }

    [Fact]
    public async Task Arguments_are_sent_with_wire_names_and_null_optionals_left_out()
    {
        string sent = await _tools.ArgumentsAsync("r", 7, new Filter("kind", ["a", "b"]));

        using JsonDocument json = JsonDocument.Parse(sent);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["required", "max_results", "filter"], names);
        Assert.Equal(7, json.RootElement.GetProperty("max_results").GetInt32());
        Assert.Equal("kind", json.RootElement.GetProperty("filter").GetProperty("field").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("filter").GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task Optional_arguments_are_sent_when_given()
    {
        string sent = await _tools.ArgumentsAsync("r", 1, new Filter("f", []), note: "n", limit: 0);

        using JsonDocument json = JsonDocument.Parse(sent);
        Assert.Equal("n", json.RootElement.GetProperty("note").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task Structured_content_is_read_into_the_declared_record()
    {
        Assert.Equal(new Weather(21.5, "Sunny", 40), await _tools.WeatherAsync());
    }

    [Fact]
    public async Task Json_text_content_is_read_when_there_is_no_structured_content()
    {
        Assert.Equal(new Weather(18, "Rain", 90), await _tools.WeatherAsTextAsync());
    }

    [Fact]
    public async Task Structured_content_of_the_wrong_type_raises_a_mismatch_naming_tool_path_and_type()
    {
        var error = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.WeatherWrongTypeAsync());

        Assert.Equal("weather-wrong-type", error.ToolName);
        Assert.Equal("$.structuredContent.temperature", error.JsonPath);
        Assert.Equal(typeof(Weather), error.ExpectedType);
        Assert.Contains("weather-wrong-type", error.Message);
        Assert.Contains("$.structuredContent.temperature", error.Message);
        Assert.Contains(typeof(Weather).FullName!, error.Message);
        Assert.IsAssignableFrom<McpException>(error);
    }

    [Fact]
    public async Task A_mismatch_message_ends_the_serialiser_reason_with_one_full_stop()
    {
        var error = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.WeatherWrongTypeAsync());

        Assert.IsAssignableFrom<System.Text.Json.JsonException>(error.InnerException);
        Assert.DoesNotContain("..", error.Message, StringComparison.Ordinal);
        Assert.Contains(". Declare the method to return CallToolResult", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structured_content_missing_a_required_member_raises_a_mismatch()
    {
        var error = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.WeatherMissingMemberAsync());

        Assert.StartsWith("$.structuredContent", error.JsonPath);
        Assert.Contains("conditions", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Json_null_is_a_value_for_a_nullable_result_and_a_mismatch_otherwise()
    {
        Assert.Null(await _tools.MaybeWeatherAsync());

        var error = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.SurelyWeatherAsync());
        Assert.Equal("$.content[0].text", error.JsonPath);
    }

    [Fact]
    public async Task McpToolResult_carries_the_typed_value_and_the_raw_result()
    {
        McpToolResult<Weather> weather = await _tools.WeatherWithResultAsync();
        McpToolResult<string> echo = await _tools.EchoWithResultAsync("both");

        Assert.Equal(new Weather(21.5, "Sunny", 40), weather.Value);
        Assert.NotNull(weather.Result.StructuredContent);
        Assert.Equal("Echo: both", echo.Value);
        Assert.Equal("Echo: both", Assert.IsType<TextContentBlock>(Assert.Single(echo.Result.Content)).Text);
        await Assert.ThrowsAsync<McpToolException>(() => _tools.FailWithResultAsync("still an error"));
    }

    [Fact]
    public async Task Collections_dictionaries_guids_dates_and_bools_travel_as_JSON()
    {
        var id = Guid.Parse("0b7f9f0e-8d2a-4f43-9b8b-2f1f2d2c7a11");
        var at = new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

        string sent = await _tools.CollectionsAsync([1, 2, 3], new() { ["x"] = 0.5 }, id, at, flag: true);

        using JsonDocument json = JsonDocument.Parse(sent);
        JsonElement root = json.RootElement;
        Assert.Equal([1, 2, 3], root.GetProperty("numbers").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0.5, root.GetProperty("weights").GetProperty("x").GetDouble());
        Assert.Equal(id, root.GetProperty("id").GetGuid());
        Assert.Equal(at, root.GetProperty("at").GetDateTimeOffset());
        Assert.True(root.GetProperty("flag").GetBoolean());
    }

    [Fact]
    public async Task Enums_travel_as_their_camel_case_names_in_arguments_and_records_and_read_in_any_case()
    {
        string sent = await _tools.EnumArgumentsAsync(TemperatureUnit.Fahrenheit, TemperatureUnit.Celsius, new Reading(1, TemperatureUnit.Celsius));

        using JsonDocument json = JsonDocument.Parse(sent);
        Assert.Equal("fahrenheit", json.RootElement.GetProperty("unit").GetString());
        Assert.Equal("celsius", json.RootElement.GetProperty("maybe").GetString());
        Assert.Equal("celsius", json.RootElement.GetProperty("reading").GetProperty("unit").GetString());
        Assert.Equal(new Reading(3, TemperatureUnit.Fahrenheit), await _tools.ReadingAsync());   // the server says "Fahrenheit"
        Assert.Equal(TemperatureUnit.Celsius, await _tools.UnitAsync());
    }

    [Fact]
    public async Task A_string_result_without_text_content_raises_a_mismatch()
    {
        var error = await Assert.ThrowsAsync<McpResultMismatchException>(() => _tools.ImageAsTextAsync());

        Assert.Equal("$.content", error.JsonPath);
        Assert.Equal(typeof(string), error.ExpectedType);
    }

    [Fact]
    public async Task IsError_result_raises_McpToolException_with_the_servers_text()
    {
        var error = await Assert.ThrowsAsync<McpToolException>(() => _tools.FailAsync("disk full"));

        Assert.Equal("fail", error.ToolName);
        Assert.Equal("the tool broke: disk full", error.ErrorText);
        Assert.True(error.Result.IsError);
        Assert.Contains("'fail'", error.Message);
        Assert.Contains("the tool broke: disk full", error.Message);
    }

    [Fact]
    public async Task IsError_result_raises_McpToolException_for_a_Task_method_too()
    {
        await Assert.ThrowsAsync<McpToolException>(() => _tools.FailWithoutResultAsync("x"));
    }

    [Fact]
    public async Task Raw_CallToolResult_is_returned_as_is_even_when_it_is_an_error()
    {
        CallToolResult result = await _tools.FailRawAsync("raw");

        Assert.True(result.IsError);
        Assert.Equal("the tool broke: raw", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Progress_notifications_reach_the_callers_progress_sink_in_order()
    {
        var seen = new List<McpProgress>();
        var progress = new CollectingProgress(seen);

        Assert.Equal("done", await _tools.ProgressAsync(3, progress));

        Assert.Equal([1d, 2d, 3d], seen.Select(p => p.Progress));
        Assert.All(seen, p => Assert.Equal(3d, p.Total));
        Assert.Equal("step 2", seen[1].Message);
    }

    [Fact]
    public async Task Cancelling_a_call_raises_OperationCanceledException_and_the_server_sees_the_cancellation()
    {
        using var cts = new CancellationTokenSource();
        Task<string> call = _tools.HangAsync(cts.Token);
        await _server.HangStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await _server.HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Echo: still alive", await _tools.EchoAsync("still alive"));
    }

    [Fact]
    public async Task A_call_with_an_already_cancelled_token_never_reaches_the_server()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _tools.EchoAsync("x", new CancellationToken(canceled: true)));

        Assert.DoesNotContain(_server.Calls, call => call.Tool == "echo");
    }

    [Fact]
    public async Task A_protocol_error_from_the_server_surfaces_as_McpException()
    {
        var error = await Assert.ThrowsAnyAsync<McpException>(() => _tools.MissingToolAsync());

        Assert.Contains("no-such-tool", error.Message);
    }

    [Fact]
    public async Task Many_concurrent_calls_all_complete_with_their_own_results()
    {
        string[] results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => _tools.EchoAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"Echo: {i}"), results);
    }

    [Fact]
    public void An_interface_without_a_generated_proxy_gets_an_exception_that_says_what_to_do()
    {
        // MCPSDK017 refuses this at compile time; the run-time message remains for what the analyzer cannot see
        // (a type parameter, reflection), so it is still tested here.
#pragma warning disable MCPSDK017
        var error = Assert.Throws<InvalidOperationException>(() => _connection.CreateClient<INotAClient>());
#pragma warning restore MCPSDK017

        Assert.Contains(typeof(INotAClient).FullName!, error.Message);
        Assert.Contains("[McpClient]", error.Message);
    }

    private sealed class CollectingProgress(List<McpProgress> seen) : IProgress<McpProgress>
    {
        public void Report(McpProgress value)
        {
            lock (seen)
            {
                seen.Add(value);
            }
        }
    }
}
