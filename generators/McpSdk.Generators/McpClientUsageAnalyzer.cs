using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace McpSdk.Generators;

/// <summary>
/// Reports <c>connection.CreateClient&lt;T&gt;()</c> and <c>services.AddMcpClient&lt;T&gt;(…)</c> where <c>T</c>
/// has no [McpClient]: no proxy exists for it, so the call compiles but fails at run time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class McpClientUsageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ClientTypeWithoutMcpClient);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            Compilation compilation = start.Compilation;
            INamedTypeSymbol? attribute = compilation.GetTypeByMetadataName(McpClientGenerator.McpClientAttributeName);
            INamedTypeSymbol? connection = compilation.GetTypeByMetadataName("McpSdk.McpConnection");
            INamedTypeSymbol? extensions = compilation.GetTypeByMetadataName("McpSdk.McpServiceCollectionExtensions");
            if (attribute is null || (connection is null && extensions is null))
            {
                return; // Not an McpSdk application.
            }

            start.RegisterOperationAction(
                operation => Analyze((IInvocationOperation)operation.Operation, operation, attribute, connection, extensions),
                OperationKind.Invocation);
        });
    }

    private static void Analyze(
        IInvocationOperation invocation,
        OperationAnalysisContext context,
        INamedTypeSymbol attribute,
        INamedTypeSymbol? connection,
        INamedTypeSymbol? extensions)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.TypeArguments.Length != 1)
        {
            return;
        }

        INamedTypeSymbol declaring = method.ContainingType;
        bool createClient = method.Name == "CreateClient" && SymbolEqualityComparer.Default.Equals(declaring, connection);
        bool addMcpClient = method.Name == "AddMcpClient" && SymbolEqualityComparer.Default.Equals(declaring, extensions);
        if (!createClient && !addMcpClient)
        {
            return;
        }

        // A type parameter is checked where its argument is known.
        ITypeSymbol client = method.TypeArguments[0];
        if (client is ITypeParameterSymbol
            || client.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ClientTypeWithoutMcpClient,
            TypeArgumentLocation(invocation),
            client.ToDisplayString(),
            method.Name + "<" + client.Name + ">"));
    }

    /// <summary>The written type argument (<c>IPlainTools</c> in <c>CreateClient&lt;IPlainTools&gt;()</c>), else the call.</summary>
    private static Location TypeArgumentLocation(IInvocationOperation invocation)
    {
        ExpressionSyntax? callee = (invocation.Syntax as InvocationExpressionSyntax)?.Expression;
        SimpleNameSyntax? name = callee switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        return name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 } generic
            ? generic.TypeArgumentList.Arguments[0].GetLocation()
            : invocation.Syntax.GetLocation();
    }
}
