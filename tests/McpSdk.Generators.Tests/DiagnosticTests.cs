using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// What the parser reports: each diagnostic's ID, severity and the source text it underlines, and code that
/// comes close to each rule without breaking it.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using McpSdk;

        """;

    [Fact]
    public void Valid_interfaces_report_no_diagnostic()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(TestSources.EverythingTools, TestSources.EverythingWeather, TestSources.HandWrittenJsonContext("Weather"), TestSources.SmallClient);

        run.AssertCleanCompilation();
        Assert.Equal(2, run.GeneratedSources.Length);
    }

    [Fact]
    public void Method_without_McpTool_reports_MCPSDK001_on_the_method_name()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK001");
        Assert.Equal("EchoAsync", run.LocatedText(diagnostic));
        Assert.Contains("'EchoAsync'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Method_of_a_base_interface_without_McpTool_reports_MCPSDK001_on_the_base_method()
    {
        GeneratorRun run = Run("""
            public interface IBase
            {
                Task PingAsync();
            }

            [McpClient]
            public interface ITools : IBase
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK001");
        Assert.Equal("PingAsync", run.LocatedText(diagnostic));
        Assert.Contains("'IBase'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Static_and_default_implemented_members_do_not_report_MCPSDK001()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);

                static string Describe() => "tools";

                Task<string> EchoTwiceAsync(string message) => EchoAsync(message + message);
            }
            """);

        run.AssertCleanCompilation();
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void Synchronous_return_type_reports_MCPSDK002_on_the_return_type()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                string Echo(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK002");
        Assert.Equal("string", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Awaitable_that_is_not_Task_or_ValueTask_reports_MCPSDK002_on_the_return_type()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                IAsyncEnumerable<string> EchoAsync(string message);
            }
            """.Replace("IAsyncEnumerable", "System.Collections.Generic.IAsyncEnumerable", System.StringComparison.Ordinal));

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK002");
        Assert.Equal("System.Collections.Generic.IAsyncEnumerable<string>", run.LocatedText(diagnostic));
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void Empty_tool_name_reports_MCPSDK003_on_the_attribute(string name)
    {
        GeneratorRun run = Run($$"""
            [McpClient]
            public interface ITools
            {
                [McpTool({{name}})]
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK003");
        Assert.Equal($"McpTool({name})", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Second_CancellationToken_reports_MCPSDK004_on_that_parameter()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message, CancellationToken first, CancellationToken second);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK004");
        Assert.Equal("second", run.LocatedText(diagnostic));
        Assert.Contains("CancellationToken", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Second_progress_parameter_reports_MCPSDK004_on_that_parameter()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("run")]
                Task RunAsync(IProgress<McpProgress> progress, IProgress<McpProgress>? alsoProgress);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK004");
        Assert.Equal("alsoProgress", run.LocatedText(diagnostic));
        Assert.Contains("IProgress<McpProgress>", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void One_token_and_one_progress_in_any_position_do_not_report_MCPSDK004()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("run")]
                Task RunAsync(CancellationToken cancellationToken, double steps, IProgress<McpProgress> progress, int counter);
            }
            """);

        run.AssertCleanCompilation();
        Assert.Contains("progress, cancellationToken)", run.SingleGeneratedText(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_method_reports_MCPSDK005_on_the_method_name()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("get")]
                Task<T> GetAsync<T>(string key);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK005");
        Assert.Equal("GetAsync", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Property_reports_MCPSDK006_on_the_property_name()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                string Name { get; }

                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK006");
        Assert.Equal("Name", run.LocatedText(diagnostic));
        Assert.Contains("property 'Name'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Event_reports_MCPSDK006_on_the_event_name()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                event EventHandler Changed;

                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK006");
        Assert.Equal("Changed", run.LocatedText(diagnostic));
        Assert.Contains("event 'Changed'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref", "ref")]
    [InlineData("out", "out")]
    [InlineData("in", "in")]
    [InlineData("ref readonly", "ref readonly")]
    public void By_reference_parameter_reports_MCPSDK007_on_the_parameter(string modifier, string described)
    {
        GeneratorRun run = Run($$"""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync({{modifier}} int count);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK007");
        Assert.Equal("count", run.LocatedText(diagnostic));
        Assert.Contains($"declared '{described}'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void JsonContext_not_deriving_from_JsonSerializerContext_reports_MCPSDK008_on_the_attribute()
    {
        GeneratorRun run = Run("""
            public sealed class NotAContext
            {
            }

            [McpClient(JsonContext = typeof(NotAContext))]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK008");
        Assert.Equal("McpClient(JsonContext = typeof(NotAContext))", run.LocatedText(diagnostic));
        Assert.Contains("'Sample.NotAContext'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void JsonContext_deriving_indirectly_from_JsonSerializerContext_does_not_report_MCPSDK008()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            Usings + """
            namespace Everything;

            [McpClient(JsonContext = typeof(EverythingJsonContext))]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """,
            TestSources.HandWrittenJsonContext());

        run.AssertCleanCompilation();
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void Generic_interface_reports_MCPSDK009_on_the_interface_name()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools<T>
            {
                [McpTool("echo")]
                Task<T> EchoAsync(T message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK009");
        Assert.Equal("ITools", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Private_nested_interface_reports_MCPSDK010_on_the_interface_name()
    {
        GeneratorRun run = Run("""
            public sealed class Host
            {
                [McpClient]
                private interface IHiddenTools
                {
                    [McpTool("echo")]
                    Task<string> EchoAsync(string message);
                }
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK010");
        Assert.Equal("IHiddenTools", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Public_interface_inside_a_protected_class_reports_MCPSDK010()
    {
        GeneratorRun run = Run("""
            public class Host
            {
                protected class Inner
                {
                    [McpClient]
                    public interface IHiddenTools
                    {
                        [McpTool("echo")]
                        Task<string> EchoAsync(string message);
                    }
                }
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK010");
        Assert.Equal("IHiddenTools", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Every_broken_member_is_reported_in_one_run()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                Task<string> NoToolAsync();

                [McpTool("sync")]
                string Sync();

                [McpTool("by-ref")]
                Task ByRefAsync(ref int count);
            }
            """);

        Assert.Equal(new[] { "MCPSDK001", "MCPSDK002", "MCPSDK007" }, run.GeneratorDiagnostics.Select(d => d.Id).Order().ToArray());
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("[MaxConcurrency(0)]", "MaxConcurrency(0)", "0")]
    [InlineData("[Timeout(-5)]", "Timeout(-5)", "-5")]
    [InlineData("[Retry(0)]", "Retry(0)", "0")]
    [InlineData("[QueueLimit(-1)]", "QueueLimit(-1)", "-1")]
    [InlineData("[RateLimit(0)]", "RateLimit(0)", "0")]
    [InlineData("[RateLimit(5, PerSeconds = 0)]", "RateLimit(5, PerSeconds = 0)", "0")]
    [InlineData("[Retry(3, BaseDelayMilliseconds = -1)]", "Retry(3, BaseDelayMilliseconds = -1)", "-1")]
    [InlineData("[Priority((McpPriority)7)]", "Priority((McpPriority)7)", "7")]
    public void Invalid_policy_value_reports_MCPSDK011_on_the_attribute(string attribute, string underlined, string value)
    {
        GeneratorRun run = Run($$"""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                {{attribute}}
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK011");
        Assert.Equal(underlined, run.LocatedText(diagnostic));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'ITools.EchoAsync'", message, System.StringComparison.Ordinal);
        Assert.Contains(value, message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_policy_value_on_the_interface_reports_MCPSDK011_on_the_interface_attribute()
    {
        GeneratorRun run = Run("""
            [McpClient]
            [MaxConcurrency(-3)]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK011");
        Assert.Equal("MaxConcurrency(-3)", run.LocatedText(diagnostic));
    }

    [Fact]
    public void Valid_policy_values_at_their_bounds_report_nothing()
    {
        GeneratorRun run = Run("""
            [McpClient]
            [MaxConcurrency(1), QueueLimit(0), Priority(McpPriority.Low)]
            public interface ITools
            {
                [McpTool("echo")]
                [Timeout(1), Retry(1, BaseDelayMilliseconds = 0), RateLimit(1, PerSeconds = 0.001, Mode = RateLimitMode.Reject)]
                Task<string> EchoAsync(string message);
            }
            """);

        run.AssertCleanCompilation();
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void Methods_calling_one_tool_with_different_limits_warn_MCPSDK012_and_still_emit_the_proxy()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("search"), MaxConcurrency(2)]
                Task<string> SearchAsync(string query);

                [McpTool("search"), MaxConcurrency(8)]
                Task<string> SearchAgainAsync(string query);
            }
            """);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("MCPSDK012", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("SearchAgainAsync", run.LocatedText(diagnostic));
        Assert.Contains("[MaxConcurrency]", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void Methods_calling_one_tool_with_the_same_limits_or_other_policies_report_nothing()
    {
        GeneratorRun run = Run("""
            [McpClient]
            [MaxConcurrency(4)]
            public interface ITools
            {
                [McpTool("search"), Priority(McpPriority.High), Timeout(100)]
                Task<string> SearchAsync(string query);

                [McpTool("search"), Retry(3)]
                Task<string> SearchAgainAsync(string query);
            }
            """);

        run.AssertCleanCompilation();
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("Func<int> factory", "factory", "delegate")]
    [InlineData("Task<int> pending", "pending", "await it")]
    [InlineData("IProgress<int> progress", "progress", "IProgress<McpProgress>")]
    [InlineData("object anything", "anything", "real type")]
    [InlineData("Span<byte> bytes", "bytes", "ref struct")]
    public void Parameter_of_a_type_that_cannot_be_an_argument_reports_MCPSDK013_on_the_parameter(string parameter, string name, string reason)
    {
        GeneratorRun run = Run($$"""
            [McpClient]
            public interface ITools
            {
                [McpTool("send")]
                Task<string> SendAsync({{parameter}});
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK013");
        Assert.Equal(name, run.LocatedText(diagnostic));
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public void Empty_argument_wire_name_reports_MCPSDK014_on_the_attribute(string name)
    {
        GeneratorRun run = Run($$"""
            [McpClient]
            public interface ITools
            {
                [McpTool("echo")]
                Task<string> EchoAsync([McpArgument({{name}})] string message);
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK014");
        Assert.Equal($"McpArgument({name})", run.LocatedText(diagnostic));
        Assert.Contains("'message'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[McpArgument(\"q\")] string query, string q", "q")]
    [InlineData("[McpArgument(\"id\")] string first, [McpArgument(\"id\")] string second", "second")]
    public void Two_arguments_with_one_wire_name_report_MCPSDK015_on_the_second_parameter(string parameters, string underlined)
    {
        GeneratorRun run = Run($$"""
            [McpClient]
            public interface ITools
            {
                [McpTool("search")]
                Task<string> SearchAsync({{parameters}});
            }
            """);

        Diagnostic diagnostic = SingleDiagnostic(run, "MCPSDK015");
        Assert.Equal(underlined, run.LocatedText(diagnostic));
        Assert.Contains("ITools.SearchAsync", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_that_swap_their_names_on_the_wire_report_nothing()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public interface ITools
            {
                [McpTool("swap")]
                Task<string> SwapAsync([McpArgument("b")] string a, [McpArgument("a")] string b);
            }
            """);

        run.AssertCleanCompilation();
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void McpClient_on_a_class_is_refused_by_the_compiler_on_the_attribute_and_no_proxy_is_written()
    {
        GeneratorRun run = Run("""
            [McpClient]
            public class NotAnInterface
            {
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.GeneratedSources);
        Diagnostic error = Assert.Single(run.Input.GetDiagnostics(), d => d.Id == "CS0592");
        Assert.Contains("interface", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    private static GeneratorRun Run(string source) =>
        GeneratorDriverHarness.Run(Usings + "namespace Sample;\n\n" + source);

    /// <summary>The run's only diagnostic: an error with <paramref name="id"/>; and no proxy was written.</summary>
    private static Diagnostic SingleDiagnostic(GeneratorRun run, string id)
    {
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Empty(run.GeneratedSources);
        return diagnostic;
    }
}
