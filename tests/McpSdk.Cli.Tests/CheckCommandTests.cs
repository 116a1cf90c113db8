using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Cli.Tests;

/// <summary><c>mcpsdk check</c> against server-everything, with interfaces compiled into this assembly.</summary>
public sealed class CheckCommandTests
{
    private static readonly string s_assembly = typeof(CheckCommandTests).Assembly.Location;

    [Fact]
    public async Task The_scaffolded_interface_has_no_drift()
    {
        CliResult result = await CheckAsync(typeof(Scaffolded.IEverythingTools).FullName!);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no drift; 13 of 13", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_tools_unknown_and_missing_arguments_are_drift_with_exit_code_1()
    {
        CliResult result = await CheckAsync(typeof(IDriftedEverythingTools).FullName!);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("missing tool: IDriftedEverythingTools.RenamedAsync calls 'no-such-tool'", result.Output, StringComparison.Ordinal);
        Assert.Contains("unknown argument: IDriftedEverythingTools.EchoAsync sends 'text'", result.Output, StringComparison.Ordinal);
        Assert.Contains("missing argument: tool 'echo' requires 'message'", result.Output, StringComparison.Ordinal);
        Assert.Contains("unknown argument: IDriftedEverythingTools.GetSumAsync sends 'c'", result.Output, StringComparison.Ordinal);
        Assert.Contains("note: not called: the server's tool 'get-tiny-image'", result.Output, StringComparison.Ordinal);
        Assert.Contains("4 drift problem(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wire_names_from_McpArgument_are_what_is_compared()
    {
        CliResult result = await CheckAsync(typeof(IRenamedArgumentTools).FullName!);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task An_argument_sent_as_another_JSON_type_is_retyped_drift()
    {
        CliResult result = await CheckAsync(typeof(IRetypedEverythingTools).FullName!);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("retyped argument: IRetypedEverythingTools.GetSumAsync sends 'a' as string (String), but tool 'get-sum' declares it as number", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 drift problem(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_default_implemented_method_is_not_checked_because_the_generator_does_not_proxy_it()
    {
        CliResult result = await CheckAsync(typeof(IDefaultImplementedTools).FullName!);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("no drift; 1 of 1", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_task_tool_called_without_RunAsTask_or_a_handle_is_information_not_drift()
    {
        CliResult result = await CheckAsync(typeof(IUnmarkedTaskTools).FullName!);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(
            "info: task tool: IUnmarkedTaskTools.ResearchAsync calls 'simulate-research-query', which the server runs only as an MCP task",
            result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("MarkedResearchAsync", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("StartResearchAsync", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("EchoAsync", result.Output, StringComparison.Ordinal); // a plain tool is not a task tool
        Assert.Contains("no drift; 4 of 4", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interface_that_is_not_in_the_assembly_is_an_error()
    {
        CliResult result = await CheckAsync("No.Such.IInterface");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no type 'No.Such.IInterface'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_listed_only_to_capable_clients_are_drift_without_capabilities_and_found_with_them()
    {
        string name = typeof(ICapabilityGatedTools).FullName!;

        CliResult without = await CheckAsync(name);
        CliResult with = await CliRunner.RunAsync(
            ["check", "--assembly", s_assembly, "--interface", name, "--capabilities", "sampling,roots", "--stdio", .. PeerServers.Everything()]);

        Assert.True(without.ExitCode == 1, without.ToString());
        Assert.Contains("missing tool: ICapabilityGatedTools.SampleAsync calls 'trigger-sampling-request'", without.Output, StringComparison.Ordinal);
        Assert.Contains("missing tool: ICapabilityGatedTools.GetRootsAsync calls 'get-roots-list'", without.Output, StringComparison.Ordinal);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Contains("no drift; 2 of 2", with.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_capability_is_a_usage_error_naming_the_ones_there_are()
    {
        CliResult result = await CliRunner.RunAsync(
            ["check", "--assembly", s_assembly, "--interface", "X", "--capabilities", "sampling,tasks", "--stdio", "node"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--capabilities takes elicitation, sampling, roots; got 'tasks'.", result.ToString(), StringComparison.Ordinal);
    }

    private static Task<CliResult> CheckAsync(string interfaceName) =>
        CliRunner.RunAsync(["check", "--assembly", s_assembly, "--interface", interfaceName, "--stdio", .. PeerServers.Everything()]);
}

/// <summary>server-everything's tools that it lists only to clients declaring sampling or roots.</summary>
[McpClient]
public interface ICapabilityGatedTools
{
    [McpTool("trigger-sampling-request")]
    Task<string> SampleAsync(string prompt, double? maxTokens = null, CancellationToken cancellationToken = default);

    [McpTool("get-roots-list")]
    Task<string> GetRootsAsync(CancellationToken cancellationToken = default);
}

/// <summary>server-everything as an out-of-date client would declare it.</summary>
[McpClient]
public interface IDriftedEverythingTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string text, CancellationToken cancellationToken = default);

    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, double b, double c, CancellationToken cancellationToken = default);

    [McpTool("no-such-tool")]
    Task<string> RenamedAsync(CancellationToken cancellationToken = default);
}

/// <summary>server-everything with an argument whose type changed: get-sum takes numbers.</summary>
[McpClient]
public interface IRetypedEverythingTools
{
    [McpTool("get-sum")]
    Task<string> GetSumAsync(string a, double? b = null, CancellationToken cancellationToken = default);
}

/// <summary>C# names that differ from the wire names, mapped with [McpArgument].</summary>
[McpClient]
public interface IRenamedArgumentTools
{
    [McpTool("echo")]
    Task<string> EchoAsync([McpArgument("message")] string text, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>server-everything's task tool with and without the marks that say so.</summary>
[McpClient]
public interface IUnmarkedTaskTools
{
    [McpTool("simulate-research-query")]
    Task<string> ResearchAsync(string topic, CancellationToken cancellationToken = default);

    [McpTool("simulate-research-query"), RunAsTask]
    Task<string> MarkedResearchAsync(string topic, CancellationToken cancellationToken = default);

    [McpTool("simulate-research-query")]
    Task<McpTask<string>> StartResearchAsync(string topic, CancellationToken cancellationToken = default);

    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);
}
