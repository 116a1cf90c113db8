using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using McpSdk.Scheduling;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Polly;
using Polly.Retry;

namespace McpSdk.Invocation;

/// <summary>
/// A <see cref="ToolMethod"/> bound to one connection: its tool's gate in the scheduler and, when the policy
/// retries, its resilience pipeline. A proxy binds each method once, when it is created.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BoundTool
{
    internal BoundTool(ToolMethod method, ToolGate gate, TimeProvider timeProvider, ILogger logger)
    {
        Method = method;
        Gate = gate;
        SpanName = "tools/call " + method.ToolName;
        ToolTag = new KeyValuePair<string, object?>("gen_ai.tool.name", method.ToolName);
        Retry = method.Policy.MaxAttempts > 1 ? CreateRetry(method.Policy, gate, timeProvider, logger) : null;
    }

    /// <summary>The method's static description.</summary>
    public ToolMethod Method { get; }

    internal ToolGate Gate { get; }

    /// <summary>The span name, built once: <c>tools/call {tool}</c>.</summary>
    internal string SpanName { get; }

    /// <summary>The metrics tag naming the tool, built once.</summary>
    internal KeyValuePair<string, object?> ToolTag { get; }

    internal ResiliencePipeline<CallToolResult>? Retry { get; }

    private static ResiliencePipeline<CallToolResult> CreateRetry(CallPolicy policy, ToolGate gate, TimeProvider timeProvider, ILogger logger) =>
        new ResiliencePipelineBuilder<CallToolResult> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<CallToolResult>
            {
                MaxRetryAttempts = policy.MaxAttempts - 1,
                Delay = policy.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // Only faults of the way to the server, which the invoker has already turned into
                // McpSessionLostException (IOException, HttpRequestException, a closed transport): a tool's isError
                // answer, refused credentials, a result mismatch, a deadline and the caller's cancellation are final.
                ShouldHandle = new PredicateBuilder<CallToolResult>().Handle<McpSessionLostException>(),
                OnRetry = args =>
                {
                    gate.Statistics.OnRetried();
                    Log.CallRetrying(logger, gate.ToolName, args.AttemptNumber + 1, args.Outcome.Exception?.GetType().Name ?? "no result", args.RetryDelay.TotalMilliseconds);
                    McpSdkTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("gen_ai.tool.name", gate.ToolName));
                    return default;
                },
            })
            .Build();
}
