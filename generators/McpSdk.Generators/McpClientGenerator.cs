using McpSdk.Generators.Common;
using McpSdk.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace McpSdk.Generators;

/// <summary>
/// Emits a proxy for every interface marked [McpClient]. The pipeline only wires steps together; parsing,
/// the model and emission live in <see cref="Parser"/>, <see cref="Model"/> and <see cref="Emitter"/>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class McpClientGenerator : IIncrementalGenerator
{
    internal const string McpClientAttributeName = "McpSdk.McpClientAttribute";

    /// <summary>Tracking names of the pipeline's steps, for the incremental-caching tests.</summary>
    internal static class TrackingNames
    {
        public const string Parsed = nameof(Parsed);
        public const string Specs = nameof(Specs);
        public const string Diagnostics = nameof(Diagnostics);
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<(ClientSpec? Spec, ImmutableEquatableArray<DiagnosticInfo> Diagnostics)> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                McpClientAttributeName,
                static (node, _) => node is InterfaceDeclarationSyntax,
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parsed);

        // Source and diagnostics are separate outputs: a diagnostic that changes never re-emits source.
        IncrementalValuesProvider<ClientSpec> specs = parsed
            .Where(static result => result.Spec is not null)
            .Select(static (result, _) => result.Spec!)
            .WithTrackingName(TrackingNames.Specs);

        IncrementalValuesProvider<DiagnosticInfo> diagnostics = parsed
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(specs, static (output, spec) =>
        {
            output.AddSource(spec.HintName, Emitter.Emit(spec));
            if (spec.Functions is { } functions)
            {
                output.AddSource(functions.HintName, FunctionsEmitter.Emit(spec, functions));
            }
        });
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
