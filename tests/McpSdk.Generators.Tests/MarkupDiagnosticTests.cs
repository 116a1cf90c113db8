using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace McpSdk.Generators.Tests;

/// <summary>
/// What the parser reports, on Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing: the markup
/// <c>{|MCPSDK001:EchoAsync|}</c> or <c>{|#0:EchoAsync|}</c> says which text a diagnostic underlines, the expected
/// result built from the descriptor checks its ID, severity and whole message, and the library fails on any other
/// diagnostic, the compiler's warnings included. Each case also says which files the generator wrote: none beside an
/// error, the proxy and its AI functions beside a warning or nothing. Code that comes close to a rule without
/// breaking it reports nothing. MCPSDK016 is in <see cref="JsonContextCoverageTests"/>, the analyzer's MCPSDK017 in
/// <see cref="McpClientUsageAnalyzerTests"/>, the emitted code in <see cref="EmitterSnapshotTests"/>.
/// </summary>
public sealed class MarkupDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using McpSdk;

        namespace Sample;

        """;

    private static readonly string[] s_proxyAndFunctions = ["Sample.ITools.AIFunctions.g.cs", "Sample.ITools.g.cs"];

    [Fact]
    public async Task Valid_interfaces_report_no_diagnostic()
    {
        var generated = await McpGeneratorTest.VerifyDiagnosticsAsync(
            [TestSources.EverythingTools, TestSources.EverythingWeather, TestSources.HandWrittenJsonContext("Weather"), TestSources.SmallClient]);

        Assert.Equal(
            ["Everything.IEverythingTools.AIFunctions.g.cs", "Everything.IEverythingTools.g.cs", "Sample.ISmallTools.AIFunctions.g.cs", "Sample.ISmallTools.g.cs"],
            generated);
    }

    [Fact]
    public Task MCPSDK001_a_method_without_McpTool_is_reported_on_the_method_name() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            Task<string> {|#0:EchoAsync|}(string message);
        }
        """,
        Expect(DiagnosticDescriptors.MethodWithoutTool, "EchoAsync", "ITools"));

    [Fact]
    public Task MCPSDK001_a_method_of_a_base_interface_without_McpTool_is_reported_on_the_base_method() => VerifyErrorAsync(
        """
        public interface IBase
        {
            Task {|#0:PingAsync|}();
        }

        [McpClient]
        public interface ITools : IBase
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.MethodWithoutTool, "PingAsync", "IBase"));

    [Fact]
    public Task Static_and_default_implemented_members_do_not_report_MCPSDK001() => VerifyCleanAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);

            static string Describe() => "tools";

            Task<string> EchoTwiceAsync(string message) => EchoAsync(message + message);
        }
        """);

    [Fact]
    public Task MCPSDK002_a_synchronous_return_type_is_reported_on_the_return_type() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            {|#0:string|} Echo(string message);
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedReturnType, "ITools.Echo", "string"));

    [Fact]
    public Task MCPSDK002_an_awaitable_that_is_not_Task_or_ValueTask_is_reported_on_the_return_type() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            {|#0:System.Collections.Generic.IAsyncEnumerable<string>|} EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedReturnType, "ITools.EchoAsync", "System.Collections.Generic.IAsyncEnumerable<string>"));

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public Task MCPSDK003_an_empty_tool_name_is_reported_on_the_attribute(string name) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [{|#0:McpTool({{name}})|}]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.EmptyToolName, "ITools.EchoAsync"));

    [Fact]
    public Task MCPSDK004_a_second_CancellationToken_is_reported_on_that_parameter() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message, CancellationToken first, CancellationToken {|#0:second|});
        }
        """,
        Expect(DiagnosticDescriptors.DuplicateSpecialParameter, "ITools.EchoAsync", "CancellationToken"));

    [Fact]
    public Task MCPSDK004_a_second_progress_parameter_is_reported_on_that_parameter() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            [McpTool("run")]
            Task RunAsync(IProgress<McpProgress> progress, IProgress<McpProgress>? {|#0:alsoProgress|});
        }
        """,
        Expect(DiagnosticDescriptors.DuplicateSpecialParameter, "ITools.RunAsync", "IProgress<McpProgress>"));

    [Fact]
    public async Task One_token_and_one_progress_in_any_position_do_not_report_MCPSDK004()
    {
        var test = new McpGeneratorTest(Usings + """
            [McpClient]
            public interface ITools
            {
                [McpTool("run")]
                Task RunAsync(CancellationToken cancellationToken, double steps, IProgress<McpProgress> progress, int counter);
            }
            """)
        {
            TestBehaviors = TestBehaviors.SkipGeneratedSourcesCheck,
        };

        await test.RunAsync();

        Assert.Contains("progress, cancellationToken)", test.GeneratedSources["Sample.ITools.g.cs"], System.StringComparison.Ordinal);
    }

    [Fact]
    public Task MCPSDK005_a_generic_method_is_reported_on_the_method_name() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            [McpTool("get")]
            Task<T> {|#0:GetAsync|}<T>(string key);
        }
        """,
        Expect(DiagnosticDescriptors.GenericMethod, "ITools.GetAsync"));

    [Fact]
    public Task MCPSDK006_a_property_is_reported_on_the_property_name() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            string {|#0:Name|} { get; }

            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedMember, "ITools", "property", "Name"));

    [Fact]
    public Task MCPSDK006_an_event_is_reported_on_the_event_name() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            event EventHandler {|#0:Changed|};

            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedMember, "ITools", "event", "Changed"));

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public Task MCPSDK007_a_by_reference_parameter_is_reported_on_the_parameter(string modifier) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync({{modifier}} int {|#0:count|});
        }
        """,
        Expect(DiagnosticDescriptors.ByReferenceParameter, "count", "ITools.EchoAsync", modifier));

    [Fact]
    public Task MCPSDK008_a_JsonContext_that_is_not_a_JsonSerializerContext_is_reported_on_the_attribute() => VerifyErrorAsync(
        """
        public sealed class NotAContext
        {
        }

        [{|#0:McpClient(JsonContext = typeof(NotAContext))|}]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.InvalidJsonContext, "Sample.NotAContext", "ITools"));

    [Fact]
    public async Task A_JsonContext_deriving_indirectly_from_JsonSerializerContext_does_not_report_MCPSDK008()
    {
        var generated = await McpGeneratorTest.VerifyDiagnosticsAsync(
            [
                Usings.Replace("namespace Sample;", "namespace Everything;", System.StringComparison.Ordinal) + """
                [McpClient(JsonContext = typeof(EverythingJsonContext))]
                public interface ITools
                {
                    [McpTool("echo")]
                    Task<string> EchoAsync(string message);
                }
                """,
                TestSources.HandWrittenJsonContext(),
            ]);

        Assert.Equal(["Everything.ITools.AIFunctions.g.cs", "Everything.ITools.g.cs"], generated);
    }

    [Fact]
    public Task MCPSDK009_a_generic_interface_is_reported_on_the_interface_name() => VerifyErrorAsync(
        """
        [McpClient]
        public interface {|#0:ITools|}<T>
        {
            [McpTool("echo")]
            Task<T> EchoAsync(T message);
        }
        """,
        Expect(DiagnosticDescriptors.GenericInterface, "ITools"));

    [Fact]
    public Task MCPSDK010_a_private_nested_interface_is_reported_on_the_interface_name() => VerifyErrorAsync(
        """
        public sealed class Host
        {
            [McpClient]
            private interface {|#0:IHiddenTools|}
            {
                [McpTool("echo")]
                Task<string> EchoAsync(string message);
            }
        }
        """,
        Expect(DiagnosticDescriptors.InaccessibleInterface, "IHiddenTools"));

    [Fact]
    public Task MCPSDK010_a_public_interface_inside_a_protected_class_is_reported_on_the_interface_name() => VerifyErrorAsync(
        """
        public class Host
        {
            protected class Inner
            {
                [McpClient]
                public interface {|#0:IHiddenTools|}
                {
                    [McpTool("echo")]
                    Task<string> EchoAsync(string message);
                }
            }
        }
        """,
        Expect(DiagnosticDescriptors.InaccessibleInterface, "IHiddenTools"));

    [Fact]
    public Task Every_broken_member_is_reported_in_one_run() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            Task<string> {|#0:NoToolAsync|}();

            [McpTool("sync")]
            {|#1:string|} Sync();

            [McpTool("by-ref")]
            Task ByRefAsync(ref int {|#2:count|});
        }
        """,
        Expect(DiagnosticDescriptors.MethodWithoutTool, "NoToolAsync", "ITools"),
        new DiagnosticResult(DiagnosticDescriptors.UnsupportedReturnType).WithLocation(1).WithArguments("ITools.Sync", "string"),
        new DiagnosticResult(DiagnosticDescriptors.ByReferenceParameter).WithLocation(2).WithArguments("count", "ITools.ByRefAsync", "ref"));

    [Theory]
    [InlineData("MaxConcurrency(0)", "MaxConcurrency", "0", "must be at least 1")]
    [InlineData("Timeout(-5)", "Timeout", "-5", "must be a positive number of milliseconds")]
    [InlineData("Retry(0)", "Retry", "0", "maxAttempts must be at least 1")]
    [InlineData("QueueLimit(-1)", "QueueLimit", "-1", "must not be negative")]
    [InlineData("RateLimit(0)", "RateLimit", "0", "permits must be at least 1")]
    [InlineData("RateLimit(5, PerSeconds = 0)", "RateLimit", "0", "PerSeconds must be a positive number")]
    [InlineData("RateLimit(5, Mode = (RateLimitMode)9)", "RateLimit", "9", "Mode must be a defined RateLimitMode")]
    [InlineData("Retry(3, BaseDelayMilliseconds = -1)", "Retry", "-1", "BaseDelayMilliseconds must not be negative")]
    [InlineData("Priority((McpPriority)7)", "Priority", "7", "must be a defined McpPriority")]
    [InlineData("MaxConcurrency(2, Scope = (McpLimitScope)5)", "MaxConcurrency", "5", "Scope must be a defined McpLimitScope")]
    [InlineData("RunAsTask(TimeToLiveSeconds = 0)", "RunAsTask", "0", "TimeToLiveSeconds must be a positive number of seconds")]
    [InlineData("RunAsTask(TimeToLiveSeconds = -60)", "RunAsTask", "-60", "TimeToLiveSeconds must be a positive number of seconds")]
    public Task MCPSDK011_an_invalid_policy_value_is_reported_on_the_attribute(string attribute, string name, string value, string rule) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            [{|#0:{{attribute}}|}]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.InvalidPolicyValue, name, "ITools.EchoAsync", value, rule));

    [Fact]
    public Task MCPSDK011_an_invalid_policy_value_on_the_interface_is_reported_on_the_interface_attribute() => VerifyErrorAsync(
        """
        [McpClient]
        [{|#0:MaxConcurrency(-3)|}]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync(string message);
        }
        """,
        Expect(DiagnosticDescriptors.InvalidPolicyValue, "MaxConcurrency", "ITools", "-3", "must be at least 1"));

    [Fact]
    public Task MCPSDK011_an_invalid_task_time_to_live_on_the_interface_is_reported_on_the_interface_attribute() => VerifyErrorAsync(
        """
        [McpClient]
        [{|#0:RunAsTask(TimeToLiveSeconds = 0)|}]
        public interface ITools
        {
            [McpTool("research")]
            Task<McpTask<string>> StartResearchAsync(string topic);
        }
        """,
        Expect(DiagnosticDescriptors.InvalidPolicyValue, "RunAsTask", "ITools", "0", "TimeToLiveSeconds must be a positive number of seconds"));

    [Fact]
    public Task Valid_policy_values_at_their_bounds_report_nothing() => VerifyCleanAsync("""
        [McpClient]
        [MaxConcurrency(1), QueueLimit(0), Priority(McpPriority.Low)]
        public interface ITools
        {
            [McpTool("echo")]
            [Timeout(1), Retry(1, BaseDelayMilliseconds = 0), RateLimit(1, PerSeconds = 0.001, Mode = RateLimitMode.Reject), RunAsTask(TimeToLiveSeconds = 1)]
            Task<string> EchoAsync(string message);
        }
        """);

    [Fact]
    public Task MCPSDK018_a_task_handle_returned_without_Task_or_ValueTask_is_reported_on_the_return_type() => VerifyErrorAsync(
        """
        [McpClient]
        public interface ITools
        {
            [McpTool("research")]
            {|#0:McpTask<string>|} StartResearch(string topic);
        }
        """,
        Expect(DiagnosticDescriptors.UnawaitableTaskHandle, "ITools.StartResearch", "McpSdk.McpTask<string>"));

    [Theory]
    [InlineData("Task<McpTask<McpTask<string>>>", "System.Threading.Tasks.Task<McpSdk.McpTask<McpSdk.McpTask<string>>>")]
    [InlineData("Task<McpToolResult<McpTask<string>>>", "System.Threading.Tasks.Task<McpSdk.McpToolResult<McpSdk.McpTask<string>>>")]
    [InlineData("ValueTask<McpTask<string>[]>", "System.Threading.Tasks.ValueTask<McpSdk.McpTask<string>[]>")]
    [InlineData("Task<System.Collections.Generic.List<McpTask<int>>>", "System.Threading.Tasks.Task<System.Collections.Generic.List<McpSdk.McpTask<int>>>")]
    [InlineData("Task<McpTask<Holder>>", "System.Threading.Tasks.Task<McpSdk.McpTask<Sample.Holder>>")]
    public Task MCPSDK019_a_task_handle_inside_the_value_a_method_reads_is_reported_on_the_return_type(string returnType, string displayed) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [McpTool("research")]
            {|#0:{{returnType}}|} StartResearchAsync(string topic);
        }

        public sealed record Holder(McpTask<string> Inner);
        """,
        Expect(DiagnosticDescriptors.TaskHandleInsideResult, "ITools.StartResearchAsync", displayed));

    [Theory]
    [InlineData("Task<System.IO.Stream>", "System.Threading.Tasks.Task<System.IO.Stream>", "a tool answers with JSON and text, never a stream; return string, your own type, or CallToolResult (for image and resource blocks)")]
    [InlineData("ValueTask<System.IO.FileStream?>", "System.Threading.Tasks.ValueTask<System.IO.FileStream?>", "a tool answers with JSON and text, never a stream; return string, your own type, or CallToolResult (for image and resource blocks)")]
    [InlineData("Task<Func<int>>", "System.Threading.Tasks.Task<System.Func<int>>", "a delegate has no JSON form")]
    public Task MCPSDK020_a_result_no_tool_answer_can_be_read_as_is_reported_on_the_return_type(string returnType, string displayed, string reason) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [McpTool("download")]
            {|#0:{{returnType}}|} DownloadAsync(string path);
        }
        """,
        Expect(DiagnosticDescriptors.UnreadableResultType, "ITools.DownloadAsync", displayed, reason));

    [Fact]
    public Task Task_handles_of_every_value_shape_and_RunAsTask_on_either_level_report_nothing() => VerifyCleanAsync("""
        public sealed record Report(string Title);

        [McpClient]
        [RunAsTask(TimeToLiveSeconds = 3600)]
        public interface ITools
        {
            [McpTool("text"), RunAsTask]
            Task<McpTask<string>> StartTextAsync(string topic, IProgress<McpProgress>? progress = null, CancellationToken cancellationToken = default);

            [McpTool("json")]
            ValueTask<McpTask<Report?>> StartReportAsync(string topic);

            [McpTool("with-result")]
            Task<McpTask<McpToolResult<Report>>> StartWithResultAsync();

            [McpTool("plain")]
            Task<Report> ReportAsync(string topic);

            [McpTool("none")]
            Task RunAsync();
        }
        """);

    [Fact]
    public async Task MCPSDK012_methods_calling_one_tool_with_different_limits_warn_on_the_later_method_and_still_emit_the_proxy()
    {
        var generated = await McpGeneratorTest.VerifyDiagnosticsAsync(
            [
                Usings + """
                [McpClient]
                public interface ITools
                {
                    [McpTool("search"), MaxConcurrency(2)]
                    Task<string> SearchAsync(string query);

                    [McpTool("search"), MaxConcurrency(8)]
                    Task<string> {|#0:SearchAgainAsync|}(string query);
                }
                """,
            ],
            Expect(DiagnosticDescriptors.ConflictingToolPolicy, "ITools.SearchAsync", "ITools.SearchAgainAsync", "search", "[MaxConcurrency]"));

        Assert.Equal(s_proxyAndFunctions, generated);
    }

    [Fact]
    public Task Methods_calling_one_tool_with_the_same_limits_or_other_policies_report_nothing() => VerifyCleanAsync("""
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

    [Theory]
    [InlineData("Func<int>", "System.Func<int>", "a delegate has no JSON form")]
    [InlineData("Task<int>", "System.Threading.Tasks.Task<int>", "await it before the call and pass its result")]
    [InlineData("IProgress<int>", "System.IProgress<int>", "progress is reported as IProgress<McpProgress>")]
    [InlineData("object", "object", "declare the argument's real type, so it is serialised with its own JSON metadata")]
    [InlineData("Span<byte>", "System.Span<byte>", "a ref struct cannot be stored with the call")]
    [InlineData("McpTask<string>", "McpSdk.McpTask<string>", "a task handle has no JSON form; pass its TaskId")]
    [InlineData("System.IO.MemoryStream", "System.IO.MemoryStream", "a stream has no JSON form; read it into a byte[] (sent as Base64) or a string first")]
    public Task MCPSDK013_a_parameter_that_cannot_be_an_argument_is_reported_on_the_parameter(string type, string displayed, string reason) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [McpTool("send")]
            Task<string> SendAsync({{type}} {|#0:value|});
        }
        """,
        Expect(DiagnosticDescriptors.UnsupportedParameterType, "value", "ITools.SendAsync", displayed, reason));

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"  \"")]
    public Task MCPSDK014_an_empty_argument_wire_name_is_reported_on_the_attribute(string name) => VerifyErrorAsync(
        $$"""
        [McpClient]
        public interface ITools
        {
            [McpTool("echo")]
            Task<string> EchoAsync([{|#0:McpArgument({{name}})|}] string message);
        }
        """,
        Expect(DiagnosticDescriptors.EmptyArgumentName, "message", "ITools.EchoAsync"));

    [Theory]
    [InlineData("[McpArgument(\"q\")] string query, string {|#0:q|}", "query", "q", "q")]
    [InlineData("[McpArgument(\"id\")] string first, [McpArgument(\"id\")] string {|#0:second|}", "first", "second", "id")]
    public Task MCPSDK015_two_arguments_with_one_wire_name_are_reported_on_the_second_parameter(string parameters, string first, string second, string wireName) =>
        VerifyErrorAsync(
            $$"""
            [McpClient]
            public interface ITools
            {
                [McpTool("search")]
                Task<string> SearchAsync({{parameters}});
            }
            """,
            Expect(DiagnosticDescriptors.DuplicateArgumentName, first, second, "ITools.SearchAsync", wireName));

    [Fact]
    public Task Arguments_that_swap_their_names_on_the_wire_report_nothing() => VerifyCleanAsync("""
        [McpClient]
        public interface ITools
        {
            [McpTool("swap")]
            Task<string> SwapAsync([McpArgument("b")] string a, [McpArgument("a")] string b);
        }
        """);

    [Fact]
    public Task McpClient_on_a_class_is_refused_by_the_compiler_on_the_attribute_and_no_proxy_is_written() => VerifyErrorAsync(
        """
        [{|#0:McpClient|}]
        public class NotAnInterface
        {
        }
        """,
        DiagnosticResult.CompilerError("CS0592").WithLocation(0).WithArguments("McpClient", "interface"));

    [Fact]
    public void Every_MCPSDK_descriptor_has_a_markup_test()
    {
        // A markup test names its diagnostic by ID in the markup or by descriptor in the expected result.
        string tests = string.Concat(Directory.GetFiles(Path.GetDirectoryName(ThisFile())!, "*.cs").Select(File.ReadAllText));
        (string Name, string Id)[] descriptors = [.. typeof(DiagnosticDescriptors)
            .GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(property => property.PropertyType == typeof(DiagnosticDescriptor))
            .Select(property => (property.Name, ((DiagnosticDescriptor)property.GetValue(null)!).Id))];

        Assert.NotEmpty(descriptors);
        Assert.DoesNotContain(descriptors, descriptor =>
            !tests.Contains("DiagnosticDescriptors." + descriptor.Name, StringComparison.Ordinal)
            && !tests.Contains("{|" + descriptor.Id + ":", StringComparison.Ordinal));
    }

    /// <summary>Fails unless <paramref name="source"/> reports exactly <paramref name="expected"/> and the generator writes nothing.</summary>
    private static async Task VerifyErrorAsync(string source, params DiagnosticResult[] expected) =>
        Assert.Empty(await McpGeneratorTest.VerifyDiagnosticsAsync([Usings + source], expected));

    /// <summary>Fails unless <paramref name="source"/> compiles with no diagnostic and the generator writes the proxy and its functions.</summary>
    private static async Task VerifyCleanAsync(string source) =>
        Assert.Equal(s_proxyAndFunctions, await McpGeneratorTest.VerifyDiagnosticsAsync([Usings + source]));

    /// <summary>The diagnostic at markup location 0 with the descriptor's ID, severity and message.</summary>
    private static DiagnosticResult Expect(DiagnosticDescriptor descriptor, params object[] arguments) =>
        new DiagnosticResult(descriptor).WithLocation(0).WithArguments(arguments);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
