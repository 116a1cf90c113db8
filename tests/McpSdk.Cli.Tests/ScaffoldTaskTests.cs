using System;
using System.Collections.Generic;
using McpSdk.Cli.Scaffolding;
using McpSdk.Cli.Scaffolding.Model;
using McpSdk.Cli.Servers;
using ModelContextProtocol.Protocol;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary>
/// Tools that run as MCP tasks (<c>execution.taskSupport</c>): a required one is scaffolded with <c>[RunAsTask]</c> and a
/// remark, an optional one with a remark only, a forbidden or silent one as any other tool. server-everything's
/// <c>simulate-research-query</c> is the real required one (<see cref="ScaffoldPeerTests"/>).
/// </summary>
public sealed class ScaffoldTaskTests
{
    private static readonly Implementation s_server = new() { Name = "task-server", Version = "1.0.0" };

    private static readonly Tool[] s_tools =
    [
        Tool("research", "Researches a topic for minutes."),
        Tool("summarize", "Summarizes, quickly or as a task."),
        Tool("echo", "Echoes at once."),
        Tool("ping", "Says nothing about tasks."),
    ];

    private static readonly Dictionary<string, ToolTaskSupport> s_taskSupport = new()
    {
        ["research"] = ToolTaskSupport.Required,
        ["summarize"] = ToolTaskSupport.Optional,
        ["echo"] = ToolTaskSupport.Forbidden,
    };

    [Fact]
    public void Required_and_optional_task_tools_scaffold_to_the_baseline()
    {
        Snapshot.Verify(Scaffold(), "TaskTools");
    }

    [Fact]
    public void Task_tools_compile_with_the_generator_without_warnings()
    {
        ScaffoldCompiler.AssertCompilesCleanly(Scaffold());
    }

    [Fact]
    public void Only_a_required_tool_gets_RunAsTask_and_both_task_tools_get_a_remark()
    {
        string code = Scaffold();

        Assert.Equal(1, Count(code, "[RunAsTask]\n"));
        Assert.Contains("[McpTool(\"research\")]\n    [RunAsTask]\n    Task<string> ResearchAsync(", code, StringComparison.Ordinal);
        Assert.Equal(1, Count(code, "<c>execution.taskSupport</c> is <c>required</c>"));
        Assert.Equal(1, Count(code, "<c>execution.taskSupport</c> is <c>optional</c>"));
        Assert.Equal(2, Count(code, "/// <remarks>"));
    }

    [Fact]
    public void Without_task_support_every_tool_is_called_directly()
    {
        ClientDeclaration client = ClientScaffolder.Build(s_server, s_tools, "Tasks", "ITaskTools");

        Assert.All(client.Methods, method => Assert.Equal(ToolTaskSupport.Forbidden, method.TaskSupport));
        Assert.DoesNotContain("RunAsTask", ClientWriter.Write(client), StringComparison.Ordinal);
    }

    [Fact]
    public void The_scaffolded_server_everything_client_built_by_the_generator_runs_only_simulate_research_query_as_a_task()
    {
        // Scaffolded/IEverythingTools.cs is compiled into this assembly with the real generator: what it registered is
        // the policy the runtime gets.
        var methods = McpSdk.Cli.Checking.CompiledInterfaceReader.Read(
            typeof(ScaffoldTaskTests).Assembly.Location, typeof(Scaffolded.IEverythingTools).FullName!);

        McpSdk.Invocation.ToolMethod research = Assert.Single(methods, method => method.Policy.RunAsTask);
        Assert.Equal("simulate-research-query", research.ToolName);
        Assert.Equal(TimeSpan.FromHours(1), research.Policy.TaskTimeToLive);
    }

    private static string Scaffold() =>
        ClientWriter.Write(ClientScaffolder.Build(s_server, s_tools, "Tasks", "ITaskTools", taskSupport: s_taskSupport));

    private static int Count(string text, string value)
    {
        int count = 0;
        for (int at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static Tool Tool(string name, string description) =>
        ScaffoldEdgeCaseTests.Tool(name, description, """{"type":"object","properties":{"topic":{"type":"string"}},"required":["topic"]}""");
}
