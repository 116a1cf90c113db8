using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using McpSdk.Tests.Clients;
using McpSdk.Tests.Servers;
using Xunit;

namespace McpSdk.Tests.Diagnostics;

/// <summary>
/// Spans and metrics, observed with the framework's own listeners. Listeners are process-wide and other tests run in
/// parallel, so spans are filtered by a trace of the test's own, and metrics by tool names no other test uses.
/// </summary>
public sealed class TelemetryTests
{
    private static readonly ActivitySource s_testSource = new("McpSdk.Tests.Telemetry");

    [Fact]
    public async Task Each_call_is_one_client_span_named_after_the_tool_with_the_MCP_attributes_and_the_SDKs_span_beneath()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is McpSdkTelemetry.SourceName or "McpSdk.Tests.Telemetry" || source.Name.Contains("ModelContextProtocol", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var server = new TestToolServer();
        await using McpConnection connection = await McpConnection.OpenAsync(server.Endpoint);
        ITestTools tools = connection.CreateClient<ITestTools>();
        ActivityTraceId trace;
        using (Activity test = s_testSource.StartActivity("test")!)
        {
            trace = test.TraceId;
            await tools.AddAsync(1, 2);
            await Assert.ThrowsAsync<McpToolException>(() => tools.FailAsync("telemetry"));
        }

        var ours = spans.Where(span => span.TraceId == trace).ToList();
        Activity ok = Assert.Single(ours, span => span.Source.Name == McpSdkTelemetry.SourceName && span.DisplayName == "tools/call add");
        Assert.Equal(ActivityKind.Client, ok.Kind);
        Assert.Equal("tools/call", ok.GetTagItem("mcp.method.name"));
        Assert.Equal("execute_tool", ok.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("add", ok.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("Normal", ok.GetTagItem("mcpsdk.priority"));
        Assert.Single(ok.Events, e => e.Name == "mcpsdk.admitted");
        Assert.Equal(ActivityStatusCode.Unset, ok.Status);
        Assert.Contains(ours, span => span.Source.Name != McpSdkTelemetry.SourceName && span.ParentSpanId == ok.SpanId);

        Activity failed = Assert.Single(ours, span => span.Source.Name == McpSdkTelemetry.SourceName && span.DisplayName == "tools/call fail");
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(typeof(McpToolException).FullName, failed.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Metrics_count_durations_queue_waits_active_calls_rejections_and_sessions_by_tool()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == McpSdkTelemetry.MeterName)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, ToDictionary(tags))));
        listener.Start();

        var session = new Fakes.ScriptedSession(call => ValueTask.FromResult(call.Tool == "metered-fail" ? Fakes.ScriptedCall.Error("no") : Fakes.ScriptedCall.Text("ok")));
        await using (McpConnection connection = Fakes.TestConnections.Create(session))
        {
            await CallAsync(connection, "metered-echo");
            await Assert.ThrowsAsync<McpToolException>(() => CallAsync(connection, "metered-fail"));
        }

        var mine = measurements.Where(m => m.Tags.GetValueOrDefault("gen_ai.tool.name") is "metered-echo" or "metered-fail").ToList();
        var durations = mine.Where(m => m.Instrument == "mcpsdk.tool.call.duration").ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value > 0));
        Assert.Equal(typeof(McpToolException).FullName, Assert.Single(durations, d => (string?)d.Tags["gen_ai.tool.name"] == "metered-fail").Tags["error.type"]);
        Assert.Equal(2, mine.Count(m => m.Instrument == "mcpsdk.tool.queue.duration"));
        Assert.Equal(0, mine.Where(m => m.Instrument == "mcpsdk.tool.calls.active").Sum(m => m.Value));
        Assert.Equal(2, mine.Count(m => m.Instrument == "mcpsdk.tool.calls.active" && m.Value > 0));
        Assert.Contains(measurements, m => m.Instrument == "mcpsdk.pool.sessions" && m.Value == 1);
    }

    [Fact]
    public async Task Rejections_and_retries_are_counted_also_for_a_task_handle_method()
    {
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Name is "mcpsdk.tool.rejections" or "mcpsdk.tool.retries")
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (ToDictionary(tags).GetValueOrDefault("gen_ai.tool.name") is string tool and ("metered-quota" or "metered-fragile" or "metered-handle"))
            {
                counts.AddOrUpdate($"{instrument.Name} {tool}", value, (_, total) => total + value);
            }
        });
        listener.Start();

        int attempts = 0;
        var session = new Fakes.ScriptedSession(call => call.Tool == "metered-fragile" && System.Threading.Interlocked.Increment(ref attempts) == 1
            ? throw new System.IO.IOException("flaky")
            : ValueTask.FromResult(Fakes.ScriptedCall.Text("ok")));
        await using McpConnection connection = Fakes.TestConnections.Create(session, new McpConnectionOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider() });
        var quota = new Invocation.CallPolicy { RateLimitPermits = 2, RateLimitWindow = TimeSpan.FromSeconds(10), RateLimitMode = RateLimitMode.Reject };
        var retry = new Invocation.CallPolicy { MaxAttempts = 3, RetryBaseDelay = TimeSpan.Zero };
        await CallAsync(connection, "metered-quota", quota);
        await CallAsync(connection, "metered-quota", quota);
        await Assert.ThrowsAsync<McpRateLimitedException>(() => CallAsync(connection, "metered-quota", quota));
        await CallAsync(connection, "metered-fragile", retry);

        // A handle method (Task<McpTask<T>>) is admitted like any call: its second start finds no permit. (The first is
        // admitted and then refused, as this fake session is not the lean engine's.)
        var handleQuota = new Invocation.CallPolicy { RunAsTask = true, RateLimitPermits = 1, RateLimitWindow = TimeSpan.FromSeconds(10), RateLimitMode = RateLimitMode.Reject };
        Invocation.BoundTool handle = connection.Invoker.Bind(new Invocation.ToolMethod("metered-handle", "ITelemetry.StartAsync", handleQuota));
        await Assert.ThrowsAsync<McpTaskException>(() => connection.Invoker.StartTaskAsync(handle, new Invocation.ToolArguments(), Invocation.ToolResultReaders.Text, null, default));
        await Assert.ThrowsAsync<McpRateLimitedException>(() => connection.Invoker.StartTaskAsync(handle, new Invocation.ToolArguments(), Invocation.ToolResultReaders.Text, null, default));

        Assert.Equal(1, counts.GetValueOrDefault("mcpsdk.tool.rejections metered-quota"));
        Assert.Equal(1, counts.GetValueOrDefault("mcpsdk.tool.retries metered-fragile"));
        Assert.Equal(1, counts.GetValueOrDefault("mcpsdk.tool.rejections metered-handle"));
        Assert.Equal(3, counts.Count);
    }

    private static Task<string> CallAsync(McpConnection connection, string tool, Invocation.CallPolicy? policy = null)
    {
        Invocation.BoundTool bound = connection.Invoker.Bind(new Invocation.ToolMethod(tool, "ITelemetry." + tool, policy));
        return connection.Invoker.InvokeAsync(bound, new Invocation.ToolArguments(), Invocation.ToolResultReaders.Text, null, default);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
