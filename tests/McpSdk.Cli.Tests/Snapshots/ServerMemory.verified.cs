// Scaffolded by 'mcpsdk scaffold' from the MCP server memory-server 0.6.3 (9 tools).
// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].
// Tools without an output schema return their text content; one that answers with images or resources needs
// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.
#nullable enable

using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;

namespace Scaffolded.Memory;

/// <summary>The tools of the MCP server memory-server 0.6.3.</summary>
[McpClient(JsonContext = typeof(MemoryToolsJsonContext))]
public interface IMemoryTools
{
    /// <summary>Create multiple new entities in the knowledge graph</summary>
    /// <param name="entities">The <c>entities</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("create_entities")]
    Task<MemoryCreateEntitiesResult> CreateEntitiesAsync(
        IReadOnlyList<MemoryEntity> entities,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Create multiple new relations between entities in the knowledge graph. Relations should be in active voice
    /// </summary>
    /// <param name="relations">The <c>relations</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("create_relations")]
    Task<MemoryCreateRelationsResult> CreateRelationsAsync(
        IReadOnlyList<MemoryRelation> relations,
        CancellationToken cancellationToken = default);

    /// <summary>Add new observations to existing entities in the knowledge graph</summary>
    /// <param name="observations">The <c>observations</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("add_observations")]
    Task<MemoryAddObservationsResult> AddObservationsAsync(
        IReadOnlyList<MemoryObservation> observations,
        CancellationToken cancellationToken = default);

    /// <summary>Delete multiple entities and their associated relations from the knowledge graph</summary>
    /// <param name="entityNames">An array of entity names to delete</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("delete_entities")]
    Task<MemoryDeleteEntitiesResult> DeleteEntitiesAsync(
        IReadOnlyList<string> entityNames,
        CancellationToken cancellationToken = default);

    /// <summary>Delete specific observations from entities in the knowledge graph</summary>
    /// <param name="deletions">The <c>deletions</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("delete_observations")]
    Task<MemoryDeleteObservationsResult> DeleteObservationsAsync(
        IReadOnlyList<MemoryDeletion> deletions,
        CancellationToken cancellationToken = default);

    /// <summary>Delete multiple relations from the knowledge graph</summary>
    /// <param name="relations">An array of relations to delete</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("delete_relations")]
    Task<MemoryDeleteRelationsResult> DeleteRelationsAsync(
        IReadOnlyList<MemoryRelation> relations,
        CancellationToken cancellationToken = default);

    /// <summary>Read the entire knowledge graph</summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("read_graph")]
    Task<MemoryReadGraphResult> ReadGraphAsync(CancellationToken cancellationToken = default);

    /// <summary>Search for nodes in the knowledge graph based on a query</summary>
    /// <param name="query">The search query to match against entity names, types, and observation content</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("search_nodes")]
    Task<MemorySearchNodesResult> SearchNodesAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>Open specific nodes in the knowledge graph by their names</summary>
    /// <param name="names">An array of entity names to retrieve</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("open_nodes")]
    Task<MemoryOpenNodesResult> OpenNodesAsync(
        IReadOnlyList<string> names,
        CancellationToken cancellationToken = default);
}

/// <summary>The shape of an item of the <c>entities</c> argument of <c>create_entities</c>.</summary>
/// <param name="Name">The name of the entity</param>
/// <param name="EntityType">The type of the entity</param>
/// <param name="Observations">An array of observation contents associated with the entity</param>
public sealed record MemoryEntity(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("entityType")] string EntityType,
    [property: JsonPropertyName("observations")] IReadOnlyList<string> Observations);

/// <summary>What <c>create_entities</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Entities">The <c>entities</c> member.</param>
public sealed record MemoryCreateEntitiesResult(
    [property: JsonPropertyName("entities")] IReadOnlyList<MemoryEntity> Entities);

/// <summary>The shape of an item of the <c>relations</c> argument of <c>create_relations</c>.</summary>
/// <param name="From">The name of the entity where the relation starts</param>
/// <param name="To">The name of the entity where the relation ends</param>
/// <param name="RelationType">The type of the relation</param>
public sealed record MemoryRelation(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("relationType")] string RelationType);

/// <summary>What <c>create_relations</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Relations">The <c>relations</c> member.</param>
public sealed record MemoryCreateRelationsResult(
    [property: JsonPropertyName("relations")] IReadOnlyList<MemoryRelation> Relations);

/// <summary>The shape of an item of the <c>observations</c> argument of <c>add_observations</c>.</summary>
/// <param name="EntityName">The name of the entity to add the observations to</param>
/// <param name="Contents">An array of observation contents to add</param>
public sealed record MemoryObservation(
    [property: JsonPropertyName("entityName")] string EntityName,
    [property: JsonPropertyName("contents")] IReadOnlyList<string> Contents);

/// <summary>
/// The shape of an item of the <c>results</c> member of what <c>add_observations</c> answers in
/// <c>structuredContent</c>.
/// </summary>
/// <param name="EntityName">The <c>entityName</c> member.</param>
/// <param name="AddedObservations">The <c>addedObservations</c> member.</param>
public sealed record MemoryAddObservationsResultItem(
    [property: JsonPropertyName("entityName")] string EntityName,
    [property: JsonPropertyName("addedObservations")] IReadOnlyList<string> AddedObservations);

/// <summary>What <c>add_observations</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Results">The <c>results</c> member.</param>
public sealed record MemoryAddObservationsResult(
    [property: JsonPropertyName("results")] IReadOnlyList<MemoryAddObservationsResultItem> Results);

/// <summary>What <c>delete_entities</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Success">The <c>success</c> member.</param>
/// <param name="Message">The <c>message</c> member.</param>
public sealed record MemoryDeleteEntitiesResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The shape of an item of the <c>deletions</c> argument of <c>delete_observations</c>.</summary>
/// <param name="EntityName">The name of the entity containing the observations</param>
/// <param name="Observations">An array of observations to delete</param>
public sealed record MemoryDeletion(
    [property: JsonPropertyName("entityName")] string EntityName,
    [property: JsonPropertyName("observations")] IReadOnlyList<string> Observations);

/// <summary>What <c>delete_observations</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Success">The <c>success</c> member.</param>
/// <param name="Message">The <c>message</c> member.</param>
public sealed record MemoryDeleteObservationsResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message);

/// <summary>What <c>delete_relations</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Success">The <c>success</c> member.</param>
/// <param name="Message">The <c>message</c> member.</param>
public sealed record MemoryDeleteRelationsResult(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("message")] string Message);

/// <summary>What <c>read_graph</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Entities">The <c>entities</c> member.</param>
/// <param name="Relations">The <c>relations</c> member.</param>
public sealed record MemoryReadGraphResult(
    [property: JsonPropertyName("entities")] IReadOnlyList<MemoryEntity> Entities,
    [property: JsonPropertyName("relations")] IReadOnlyList<MemoryRelation> Relations);

/// <summary>What <c>search_nodes</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Entities">The <c>entities</c> member.</param>
/// <param name="Relations">The <c>relations</c> member.</param>
public sealed record MemorySearchNodesResult(
    [property: JsonPropertyName("entities")] IReadOnlyList<MemoryEntity> Entities,
    [property: JsonPropertyName("relations")] IReadOnlyList<MemoryRelation> Relations);

/// <summary>What <c>open_nodes</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Entities">The <c>entities</c> member.</param>
/// <param name="Relations">The <c>relations</c> member.</param>
public sealed record MemoryOpenNodesResult(
    [property: JsonPropertyName("entities")] IReadOnlyList<MemoryEntity> Entities,
    [property: JsonPropertyName("relations")] IReadOnlyList<MemoryRelation> Relations);

/// <summary>
/// JSON metadata for the types of <see cref="IMemoryTools"/>, written at build time by System.Text.Json's source
/// generator, so the client needs no reflection (trimmed and Native AOT applications).
/// </summary>
[JsonSerializable(typeof(IReadOnlyList<MemoryEntity>))]
[JsonSerializable(typeof(MemoryCreateEntitiesResult))]
[JsonSerializable(typeof(IReadOnlyList<MemoryRelation>))]
[JsonSerializable(typeof(MemoryCreateRelationsResult))]
[JsonSerializable(typeof(IReadOnlyList<MemoryObservation>))]
[JsonSerializable(typeof(MemoryAddObservationsResult))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(MemoryDeleteEntitiesResult))]
[JsonSerializable(typeof(IReadOnlyList<MemoryDeletion>))]
[JsonSerializable(typeof(MemoryDeleteObservationsResult))]
[JsonSerializable(typeof(MemoryDeleteRelationsResult))]
[JsonSerializable(typeof(MemoryReadGraphResult))]
[JsonSerializable(typeof(MemorySearchNodesResult))]
[JsonSerializable(typeof(MemoryOpenNodesResult))]
[JsonSerializable(typeof(MemoryEntity))]
[JsonSerializable(typeof(MemoryRelation))]
[JsonSerializable(typeof(MemoryObservation))]
[JsonSerializable(typeof(MemoryAddObservationsResultItem))]
[JsonSerializable(typeof(MemoryDeletion))]
internal sealed partial class MemoryToolsJsonContext : JsonSerializerContext;
