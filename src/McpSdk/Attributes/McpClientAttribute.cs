using System;

namespace McpSdk;

/// <summary>
/// Marks an interface whose methods call MCP tools. The McpSdk source generator emits a proxy class that
/// implements the interface; obtain it with <see cref="McpConnection.CreateClient{TClient}"/>.
/// </summary>
/// <example>
/// <code>
/// [McpClient]
/// public interface IEverythingTools
/// {
///     [McpTool("echo")]
///     Task&lt;string&gt; EchoAsync(string message, CancellationToken cancellationToken = default);
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class McpClientAttribute : Attribute
{
    /// <summary>
    /// An optional <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> type that holds the JSON
    /// metadata for the argument and result types of this interface. Set it for trimmed and Native AOT
    /// applications; without it, types other than primitives are serialised with reflection.
    /// </summary>
    public Type? JsonContext { get; set; }
}
