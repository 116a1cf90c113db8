using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpSdk.Engine;

/// <summary>
/// The official SDK's JSON metadata for the protocol types the lean engine reads and writes: no protocol DTO of our own.
/// </summary>
internal static class McpTypes
{
    public static readonly JsonTypeInfo<CallToolResult> CallToolResult = Get<CallToolResult>();
    public static readonly JsonTypeInfo<InitializeRequestParams> InitializeParams = Get<InitializeRequestParams>();
    public static readonly JsonTypeInfo<InitializeResult> InitializeResult = Get<InitializeResult>();
    public static readonly JsonTypeInfo<DiscoverRequestParams> DiscoverParams = Get<DiscoverRequestParams>();
    public static readonly JsonTypeInfo<DiscoverResult> DiscoverResult = Get<DiscoverResult>();
    public static readonly JsonTypeInfo<InputRequiredResult> InputRequiredResult = Get<InputRequiredResult>();
    public static readonly JsonTypeInfo<System.Collections.Generic.IDictionary<string, InputResponse>> InputResponses =
        Get<System.Collections.Generic.IDictionary<string, InputResponse>>();
    public static readonly JsonTypeInfo<Implementation> Implementation = Get<Implementation>();
    public static readonly JsonTypeInfo<ClientCapabilities> ClientCapabilities = Get<ClientCapabilities>();
    public static readonly JsonTypeInfo<ListToolsRequestParams> ListToolsParams = Get<ListToolsRequestParams>();
    public static readonly JsonTypeInfo<ListToolsResult> ListToolsResult = Get<ListToolsResult>();
    public static readonly JsonTypeInfo<CancelledNotificationParams> CancelledParams = Get<CancelledNotificationParams>();
    public static readonly JsonTypeInfo<ProgressNotificationParams> ProgressParams = Get<ProgressNotificationParams>();
#pragma warning disable MCP9005 // Logging, sampling and roots are deprecated by 2026-07-28; servers on older versions still use them.
    public static readonly JsonTypeInfo<LoggingMessageNotificationParams> LoggingParams = Get<LoggingMessageNotificationParams>();
    public static readonly JsonTypeInfo<JsonRpcErrorDetail> ErrorDetail = Get<JsonRpcErrorDetail>();
    public static readonly JsonTypeInfo<JsonElement> Element = Get<JsonElement>();
    public static readonly JsonTypeInfo<ElicitRequestParams> ElicitParams = Get<ElicitRequestParams>();
    public static readonly JsonTypeInfo<ElicitResult> ElicitResult = Get<ElicitResult>();
    public static readonly JsonTypeInfo<CreateMessageRequestParams> SamplingParams = Get<CreateMessageRequestParams>();
    public static readonly JsonTypeInfo<CreateMessageResult> SamplingResult = Get<CreateMessageResult>();
    public static readonly JsonTypeInfo<ListRootsRequestParams> RootsParams = Get<ListRootsRequestParams>();
    public static readonly JsonTypeInfo<ListRootsResult> RootsResult = Get<ListRootsResult>();
#pragma warning restore MCP9005

    private static JsonTypeInfo<T> Get<T>() => (JsonTypeInfo<T>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T));
}
