using System;
using System.ComponentModel;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace McpSdk.Agents;

/// <summary>
/// One MCP tool as a Microsoft.Extensions.AI <see cref="AIFunction"/>: a constant JSON schema, and an invocation that
/// goes through a typed proxy (or the connection's invoker), so the tool's policy — <c>[MaxConcurrency]</c>,
/// <c>[RateLimit]</c>, <c>[Timeout]</c>, <c>[Retry]</c>, priority — governs the model's calls as it does the code's,
/// one counted call per invocation.
/// </summary>
/// <remarks>
/// Made by the generated <c>AsAIFunctions()</c> of an <c>[McpClient]</c> interface, or by
/// <see cref="McpConnection.GetAIFunctionsAsync(McpAIFunctionOptions, System.Threading.CancellationToken)"/> for a server's tools without an interface.
/// </remarks>
public sealed class McpAIFunction : AIFunction
{
    private readonly Func<McpAIFunctionArguments, CancellationToken, ValueTask<object?>> _invoke;
    private readonly bool _throwOnError;

    private McpAIFunction(
        string toolName, string? description, JsonElement schema, McpAIFunctionOptions? options, Func<McpAIFunctionArguments, CancellationToken, ValueTask<object?>> invoke)
    {
        ToolName = toolName;
        Name = options?.NameOf(toolName) ?? toolName;
        Description = description ?? string.Empty;
        JsonSchema = schema;
        _throwOnError = options?.ThrowOnError ?? false;
        _invoke = invoke;
    }

    /// <summary>The MCP tool the function calls (its <c>tools/call</c> name).</summary>
    public string ToolName { get; }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <inheritdoc/>
    public override JsonElement JsonSchema { get; }

    /// <summary>Creates a function; generated code calls it once per tool method.</summary>
    /// <param name="toolName">The tool's wire name.</param>
    /// <param name="description">What the tool does, for the model.</param>
    /// <param name="schema">The arguments' JSON schema (<see cref="ParseSchema"/>).</param>
    /// <param name="options">Names and error handling, or <see langword="null"/> for the defaults.</param>
    /// <param name="invoke">Binds the arguments, calls the tool and returns its result as JSON.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static McpAIFunction Create(
        string toolName, string? description, JsonElement schema, McpAIFunctionOptions? options,
        Func<McpAIFunctionArguments, CancellationToken, ValueTask<object?>> invoke)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentNullException.ThrowIfNull(invoke);
        return new McpAIFunction(toolName, description, schema, options, invoke);
    }

    /// <summary>Parses a schema the generator wrote as a UTF-8 constant; generated code keeps the result in a static field.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static JsonElement ParseSchema(ReadOnlySpan<byte> utf8Json) => JsonElement.Parse(utf8Json);

    /// <inheritdoc/>
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await _invoke(new McpAIFunctionArguments(ToolName, arguments), cancellationToken).ConfigureAwait(false);
        }
        catch (McpSdkException exception) when (!_throwOnError && IsForTheModel(exception))
        {
            // The model can act on these (retry later, fix an argument, answer without the tool); an exception would
            // end up as FunctionInvokingChatClient's generic "function failed".
            return "Error: " + exception.Message;
        }
    }

    private static bool IsForTheModel(McpSdkException exception) =>
        exception is McpToolException or McpResultMismatchException or McpQueueFullException or McpRateLimitedException
            or McpSdkTimeoutException or McpSessionLostException or McpAIFunctionArgumentException;
}
