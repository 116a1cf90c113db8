using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>The symbols the parser compares against, looked up once per parsed interface.</summary>
internal sealed class KnownTypes(Compilation compilation)
{
    public INamedTypeSymbol? McpToolAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.McpToolAttribute");

    public INamedTypeSymbol? McpArgumentAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.McpArgumentAttribute");

    public INamedTypeSymbol? MaxConcurrencyAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.MaxConcurrencyAttribute");

    public INamedTypeSymbol? PriorityAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.PriorityAttribute");

    public INamedTypeSymbol? RateLimitAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.RateLimitAttribute");

    public INamedTypeSymbol? TimeoutAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.TimeoutAttribute");

    public INamedTypeSymbol? RetryAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.RetryAttribute");

    public INamedTypeSymbol? QueueLimitAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.QueueLimitAttribute");

    public INamedTypeSymbol? RunAsTaskAttribute { get; } = compilation.GetTypeByMetadataName("McpSdk.RunAsTaskAttribute");

    public INamedTypeSymbol? McpTaskOfT { get; } = compilation.GetTypeByMetadataName("McpSdk.McpTask`1");

    public INamedTypeSymbol? McpProgress { get; } = compilation.GetTypeByMetadataName("McpSdk.McpProgress");

    public INamedTypeSymbol? McpToolResultOfT { get; } = compilation.GetTypeByMetadataName("McpSdk.McpToolResult`1");

    public INamedTypeSymbol? CallToolResult { get; } = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.CallToolResult");

    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");

    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");

    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");

    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");

    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");

    public INamedTypeSymbol? Stream { get; } = compilation.GetTypeByMetadataName("System.IO.Stream");

    public INamedTypeSymbol? ProgressOfT { get; } = compilation.GetTypeByMetadataName("System.IProgress`1");

    public INamedTypeSymbol? JsonSerializerContext { get; } =
        compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");

    public INamedTypeSymbol? JsonConverterAttribute { get; } =
        compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonConverterAttribute");

    /// <summary>Present when the runtime has AI functions and the compilation references Microsoft.Extensions.AI.</summary>
    public INamedTypeSymbol? McpAIFunction { get; } = compilation.GetTypeByMetadataName("McpSdk.Agents.McpAIFunction");

    public INamedTypeSymbol? JsonSerializableAttribute { get; } =
        compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
}
