// Scaffolded by 'mcpsdk scaffold' from the MCP server mcp-servers/everything 2.0.0 (13 tools).
// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].
// Tools without an output schema return their text content; one that answers with images or resources needs
// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.
#nullable enable

using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;

namespace McpSdk.Cli.Tests.Scaffolded;

/// <summary>The tools of the MCP server mcp-servers/everything 2.0.0.</summary>
[McpClient(JsonContext = typeof(EverythingToolsJsonContext))]
public interface IEverythingTools
{
    /// <summary>Echoes back the input string</summary>
    /// <param name="message">Message to echo</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("echo")]
    Task<string> EchoAsync(string message, CancellationToken cancellationToken = default);

    /// <summary>Demonstrates how annotations can be used to provide metadata about content.</summary>
    /// <param name="messageType">Type of message to demonstrate different annotation patterns</param>
    /// <param name="includeImage">
    /// Whether to include an example image. When omitted, the server uses <c>false</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-annotated-message")]
    Task<string> GetAnnotatedMessageAsync(
        EverythingMessageType messageType,
        bool? includeImage = null,
        CancellationToken cancellationToken = default);

    /// <summary>Returns all environment variables, helpful for debugging MCP server configuration</summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-env")]
    Task<string> GetEnvAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns up to ten resource links that reference different types of resources</summary>
    /// <param name="count">Number of resource links to return (1-10). When omitted, the server uses <c>3</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-resource-links")]
    Task<string> GetResourceLinksAsync(double? count = null, CancellationToken cancellationToken = default);

    /// <summary>Returns a resource reference that can be used by MCP clients</summary>
    /// <param name="resourceType">
    /// The <c>resourceType</c> argument. When omitted, the server uses <c>"Text"</c>.
    /// </param>
    /// <param name="resourceId">ID of the text resource to fetch. When omitted, the server uses <c>1</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-resource-reference")]
    Task<string> GetResourceReferenceAsync(
        EverythingResourceType? resourceType = null,
        double? resourceId = null,
        CancellationToken cancellationToken = default);

    /// <summary>Returns structured content along with an output schema for client data validation</summary>
    /// <param name="location">Choose city</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-structured-content")]
    Task<EverythingGetStructuredContentResult> GetStructuredContentAsync(
        EverythingLocation location,
        CancellationToken cancellationToken = default);

    /// <summary>Returns the sum of two numbers</summary>
    /// <param name="a">First number</param>
    /// <param name="b">Second number</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-sum")]
    Task<string> GetSumAsync(double a, double b, CancellationToken cancellationToken = default);

    /// <summary>Returns a tiny MCP logo image.</summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get-tiny-image")]
    Task<string> GetTinyImageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Compresses a single file using gzip compression. Depending upon the selected output type, returns either the
    /// compressed data as a gzipped resource or a resource link, allowing it to be downloaded in a subsequent request
    /// during the current session.
    /// </summary>
    /// <param name="name">Name of the output file. When omitted, the server uses <c>"README.md.gz"</c>.</param>
    /// <param name="data">
    /// URL or data URI of the file content to compress. When omitted, the server uses
    /// <c>"https://raw.githubusercontent.com/modelcontextprotocol/servers/refs/heads/main/README.md"</c>.
    /// </param>
    /// <param name="outputType">
    /// How the resulting gzipped file should be returned. 'resourceLink' returns a link to a resource that can be read
    /// later, 'resource' returns a full resource object. When omitted, the server uses <c>"resourceLink"</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("gzip-file-as-resource")]
    Task<string> GzipFileAsResourceAsync(
        string? name = null,
        string? data = null,
        EverythingOutputType? outputType = null,
        CancellationToken cancellationToken = default);

    /// <summary>Toggles simulated, random-leveled logging on or off.</summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("toggle-simulated-logging")]
    Task<string> ToggleSimulatedLoggingAsync(CancellationToken cancellationToken = default);

    /// <summary>Toggles simulated resource subscription updates on or off.</summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("toggle-subscriber-updates")]
    Task<string> ToggleSubscriberUpdatesAsync(CancellationToken cancellationToken = default);

    /// <summary>Demonstrates a long running operation with progress updates.</summary>
    /// <param name="duration">Duration of the operation in seconds. When omitted, the server uses <c>10</c>.</param>
    /// <param name="steps">Number of steps in the operation. When omitted, the server uses <c>5</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("trigger-long-running-operation")]
    Task<string> TriggerLongRunningOperationAsync(
        double? duration = null,
        double? steps = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Simulates a deep research operation that gathers, analyzes, and synthesizes information. Demonstrates MCP
    /// task-based operations with progress through multiple stages. If 'ambiguous' is true and client supports
    /// elicitation, sends an elicitation request for clarification.
    /// </summary>
    /// <param name="topic">The research topic to investigate</param>
    /// <param name="ambiguous">
    /// Simulate an ambiguous query that requires clarification (triggers input_required status). When omitted, the
    /// server uses <c>false</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>tasks/cancel</c>).</param>
    /// <remarks>
    /// The server runs this tool only as an MCP task (<c>execution.taskSupport</c> is <c>required</c>): the call polls
    /// the task to its end. To start it now and collect the result later, return <c>Task&lt;McpTask&lt;T&gt;&gt;</c>
    /// instead.
    /// </remarks>
    [McpTool("simulate-research-query")]
    [RunAsTask]
    Task<string> SimulateResearchQueryAsync(
        string topic,
        bool? ambiguous = null,
        CancellationToken cancellationToken = default);
}

/// <summary>What <c>get-structured-content</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Temperature">Temperature in celsius</param>
/// <param name="Conditions">Weather conditions description</param>
/// <param name="Humidity">Humidity percentage</param>
public sealed record EverythingGetStructuredContentResult(
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("conditions")] string Conditions,
    [property: JsonPropertyName("humidity")] double Humidity);

/// <summary>The values of the <c>messageType</c> argument of <c>get-annotated-message</c>.</summary>
public enum EverythingMessageType
{
    /// <summary><c>error</c> on the wire.</summary>
    [JsonStringEnumMemberName("error")]
    Error,
    /// <summary><c>success</c> on the wire.</summary>
    [JsonStringEnumMemberName("success")]
    Success,
    /// <summary><c>debug</c> on the wire.</summary>
    [JsonStringEnumMemberName("debug")]
    Debug,
}

/// <summary>The values of the <c>resourceType</c> argument of <c>get-resource-reference</c>.</summary>
public enum EverythingResourceType
{
    /// <summary><c>Text</c> on the wire.</summary>
    [JsonStringEnumMemberName("Text")]
    Text,
    /// <summary><c>Blob</c> on the wire.</summary>
    [JsonStringEnumMemberName("Blob")]
    Blob,
}

/// <summary>The values of the <c>location</c> argument of <c>get-structured-content</c>.</summary>
public enum EverythingLocation
{
    /// <summary><c>New York</c> on the wire.</summary>
    [JsonStringEnumMemberName("New York")]
    NewYork,
    /// <summary><c>Chicago</c> on the wire.</summary>
    [JsonStringEnumMemberName("Chicago")]
    Chicago,
    /// <summary><c>Los Angeles</c> on the wire.</summary>
    [JsonStringEnumMemberName("Los Angeles")]
    LosAngeles,
}

/// <summary>The values of the <c>outputType</c> argument of <c>gzip-file-as-resource</c>.</summary>
public enum EverythingOutputType
{
    /// <summary><c>resourceLink</c> on the wire.</summary>
    [JsonStringEnumMemberName("resourceLink")]
    ResourceLink,
    /// <summary><c>resource</c> on the wire.</summary>
    [JsonStringEnumMemberName("resource")]
    Resource,
}

/// <summary>
/// JSON metadata for the types of <see cref="IEverythingTools"/>, written at build time by System.Text.Json's source
/// generator, so the client needs no reflection (trimmed and Native AOT applications).
/// </summary>
[JsonSerializable(typeof(EverythingMessageType))]
[JsonSerializable(typeof(EverythingResourceType))]
[JsonSerializable(typeof(EverythingLocation))]
[JsonSerializable(typeof(EverythingGetStructuredContentResult))]
[JsonSerializable(typeof(EverythingOutputType))]
internal sealed partial class EverythingToolsJsonContext : JsonSerializerContext;
