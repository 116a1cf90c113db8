using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// The pipeline caches: edits that do not touch an [McpClient] interface leave every tracked step and the
/// source output Cached or Unchanged, and an edit of the interface does re-emit.
/// </summary>
public sealed class IncrementalTests
{
    /// <summary>The steps every run records; <c>Diagnostics</c> is recorded only when there is something to report.</summary>
    private static readonly string[] s_requiredSteps = [McpClientGenerator.TrackingNames.Parsed, McpClientGenerator.TrackingNames.Specs];

    private const string Unrelated = """
        namespace Sample;

        public static class Calculator
        {
            public static int Add(int a, int b) => a + b;
        }
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce();

        CSharpCompilation changed = compilation.AddSyntaxTrees(
            GeneratorDriverHarness.ParseTree("namespace Other; public sealed class Thing { }", "Added.cs"));
        GeneratorRunResult result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertNothingRegenerated(result);
    }

    [Fact]
    public void Changing_a_method_body_of_an_unrelated_class_leaves_every_step_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce();

        CSharpCompilation changed = Replace(compilation, "Source1.cs", Unrelated.Replace("a + b", "checked(a + b)", System.StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertNothingRegenerated(result);
    }

    [Fact]
    public void Moving_the_interface_down_a_line_leaves_the_source_output_cached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce();

        CSharpCompilation changed = Replace(compilation, "Source0.cs", "// A comment above everything.\n" + TestSources.SmallClient);
        GeneratorRunResult result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        AssertNothingRegenerated(result);
    }

    [Fact]
    public void Changing_a_tool_name_modifies_the_spec_and_re_emits_the_proxy()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce();

        CSharpCompilation changed = Replace(
            compilation, "Source0.cs", TestSources.SmallClient.Replace("[McpTool(\"add\")]", "[McpTool(\"sum\")]", System.StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(changed).GetRunResult().Results.Single();

        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(result.TrackedSteps[McpClientGenerator.TrackingNames.Specs]));
        Assert.Contains(IncrementalStepRunReason.Modified, result.TrackedOutputSteps.Values.SelectMany(Reasons));
        Assert.Contains("new(\"sum\",", result.GeneratedSources.Single(source => source.HintName == "Sample.ISmallTools.g.cs").SourceText.ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_with_task_methods_stays_cached_on_an_unrelated_edit_and_re_emits_when_its_time_to_live_changes()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = RunOnce(TaskClient);

        GeneratorRunResult unrelated = driver.RunGenerators(Replace(
            compilation, "Source1.cs", Unrelated.Replace("a + b", "checked(a + b)", System.StringComparison.Ordinal))).GetRunResult().Results.Single();
        GeneratorRunResult changed = driver.RunGenerators(Replace(
            compilation, "Source0.cs", TaskClient.Replace("TimeToLiveSeconds = 600", "TimeToLiveSeconds = 60", System.StringComparison.Ordinal))).GetRunResult().Results.Single();

        AssertNothingRegenerated(unrelated);
        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(changed.TrackedSteps[McpClientGenerator.TrackingNames.Specs]));
        Assert.Contains("FromSeconds(60)", changed.GeneratedSources.Single(source => source.HintName == "Sample.IResearchTools.g.cs").SourceText.ToString(), System.StringComparison.Ordinal);
    }

    private const string TaskClient = """
        using System.Threading.Tasks;
        using McpSdk;

        namespace Sample;

        [McpClient]
        [RunAsTask(TimeToLiveSeconds = 600)]
        public interface IResearchTools
        {
            [McpTool("research")]
            Task<string> ResearchAsync(string topic);

            [McpTool("research")]
            ValueTask<McpTask<string?>> StartResearchAsync(string topic);
        }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) RunOnce(string client = TestSources.SmallClient)
    {
        CSharpCompilation compilation = GeneratorDriverHarness.CreateCompilation(client, Unrelated);
        GeneratorDriver driver = GeneratorDriverHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        // The proxy and its AI functions.
        Assert.Equal(2, first.GeneratedSources.Length);
        Assert.All(s_requiredSteps, name => Assert.True(first.TrackedSteps.ContainsKey(name), $"Step '{name}' was not tracked."));
        return (driver, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, GeneratorDriverHarness.ParseTree(source, path));
    }

    private static void AssertNothingRegenerated(GeneratorRunResult result)
    {
        var reasons = new List<(string Step, IncrementalStepRunReason Reason)>();
        Assert.All(s_requiredSteps, name => Assert.True(result.TrackedSteps.ContainsKey(name), $"Step '{name}' was not tracked."));
        // Roslyn's own steps inside ForAttributeWithMetadataName are tracked too, and see an added file as New; only
        // the generator's steps and outputs must stay put.
        string[] ownSteps = [.. s_requiredSteps, McpClientGenerator.TrackingNames.Diagnostics];
        foreach (string name in ownSteps)
        {
            if (result.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps))
            {
                reasons.AddRange(Reasons(steps).Select(reason => (name, reason)));
            }
        }

        foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> output in result.TrackedOutputSteps)
        {
            reasons.AddRange(Reasons(output.Value).Select(reason => (output.Key, reason)));
        }

        Assert.NotEmpty(reasons);
        Assert.All(reasons, entry => Assert.True(
            entry.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"Step '{entry.Step}' ran with reason {entry.Reason}."));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(ImmutableArray<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(step => step.Outputs).Select(output => output.Reason);
}
