using System;
using System.Collections.Generic;
using McpSdk.Invocation;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace McpSdk.Tests.DependencyInjection;

/// <summary>
/// <c>[RunAsTask]</c> and its time to live under a per-tool override (<see cref="McpToolPolicy"/>, in code or in
/// configuration): an override that sets them replaces the declared values, and one that sets anything else keeps them.
/// </summary>
public sealed class TaskPolicyOverrideTests
{
    private static readonly CallPolicy s_declared = new() { RunAsTask = true, TaskTimeToLive = TimeSpan.FromSeconds(600), MaxConcurrency = 4 };

    [Fact]
    public void An_override_of_another_limit_keeps_the_declared_task_settings()
    {
        CallPolicy applied = new McpToolPolicy { MaxConcurrency = 1 }.ApplyTo(s_declared, "research");

        Assert.Equal(1, applied.MaxConcurrency);
        Assert.True(applied.RunAsTask);
        Assert.Equal(TimeSpan.FromSeconds(600), applied.TaskTimeToLive);
    }

    [Fact]
    public void An_override_turns_running_as_a_task_off_or_on_and_replaces_the_time_to_live()
    {
        CallPolicy off = new McpToolPolicy { RunAsTask = false }.ApplyTo(s_declared, "research");
        CallPolicy on = new McpToolPolicy { RunAsTask = true, TaskTimeToLiveSeconds = 30 }.ApplyTo(CallPolicy.Default, "research");

        Assert.False(off.RunAsTask);
        Assert.Equal(TimeSpan.FromSeconds(600), off.TaskTimeToLive);
        Assert.True(on.RunAsTask);
        Assert.Equal(TimeSpan.FromSeconds(30), on.TaskTimeToLive);
    }

    [Fact]
    public void A_time_to_live_that_is_not_positive_fails_naming_the_tool()
    {
        var error = Assert.Throws<ArgumentException>(() => new McpToolPolicy { TaskTimeToLiveSeconds = 0 }.ApplyTo(s_declared, "research"));

        Assert.Contains("'research'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(CallPolicy.TaskTimeToLive), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_sets_RunAsTask_and_TaskTimeToLiveSeconds_per_tool()
    {
        var options = new McpConnectionOptions();
        McpConfiguration.ApplyOptions(Section(new()
        {
            ["Tools:research:RunAsTask"] = "true",
            ["Tools:research:TaskTimeToLiveSeconds"] = "120",
        }), options);

        McpToolPolicy policy = options.ToolPolicies["research"];
        Assert.True(policy.RunAsTask);
        Assert.Equal(120, policy.TaskTimeToLiveSeconds);
    }

    [Fact]
    public void A_RunAsTask_in_configuration_that_is_not_a_boolean_fails_with_its_path()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => McpConfiguration.ApplyOptions(Section(new() { ["Tools:research:RunAsTask"] = "sometimes" }), new McpConnectionOptions()));

        Assert.Contains("Tools:research:RunAsTask", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A connection's section holding <paramref name="values"/>, keyed below it.</summary>
    private static IConfigurationSection Section(Dictionary<string, string?> values)
    {
        var prefixed = new Dictionary<string, string?>();
        foreach ((string key, string? value) in values)
        {
            prefixed["Mcp:Servers:tools:" + key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(prefixed).Build().GetSection("Mcp:Servers:tools");
    }
}
