using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Cli.Servers;

/// <summary>What a server says about itself and its tools.</summary>
/// <param name="ServerInfo">Its <c>serverInfo</c>.</param>
/// <param name="Tools">Its <c>tools/list</c>, every page, in its order.</param>
/// <param name="TaskSupport">Each tool's <c>execution.taskSupport</c>, by tool name.</param>
internal sealed record ServerCatalog(Implementation? ServerInfo, IReadOnlyList<Tool> Tools, IReadOnlyDictionary<string, ToolTaskSupport> TaskSupport)
{
    // The SDK's own negotiation first, then the initialize handshake at each version the SDK speaks, newest first:
    // servers answer the 2026 discover probe in ways the SDK does not always fall back from, and some insist on an
    // older version. McpSdk's sessions negotiate the same way (SdkSession); this tool opens one plain McpClient.
    private static readonly string?[] s_protocolVersions = [null, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

    /// <summary>
    /// Connects to <paramref name="target"/>, declaring only the optional client capabilities in
    /// <paramref name="capabilities"/> (<c>elicitation</c>, <c>sampling</c>, <c>roots</c>), and lists its tools.
    /// </summary>
    /// <exception cref="ServerUnavailableException">No attempt connected; the message has the last failure and the server's stderr.</exception>
    public static async Task<ServerCatalog> ReadAsync(ServerTarget target, IReadOnlySet<string> capabilities, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var standardError = new ConcurrentQueue<string>();
        foreach (string? version in s_protocolVersions)
        {
            standardError.Clear();
            try
            {
                var options = new McpClientOptions
                {
                    ClientInfo = new Implementation { Name = "mcpsdk", Version = typeof(ServerCatalog).Assembly.GetName().Version?.ToString(3) ?? "0.0.0" },
                    ProtocolVersion = version,
                    Handlers = Declining(capabilities),
                };
                await using McpClient client = await McpClient.CreateAsync(
                    target.CreateTransport(standardError.Enqueue), options, cancellationToken: cancellationToken).ConfigureAwait(false);
                ToolList tools = await ToolList.ReadAsync(client, cancellationToken).ConfigureAwait(false);
                return new ServerCatalog(client.ServerInfo, tools.Tools, tools.TaskSupport);
            }
            catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
            {
                string described = $"{failure.GetType().Name}: {failure.Message}";
                bool sameAsBefore = failures.Count > 0 && failures[^1].EndsWith(described, StringComparison.Ordinal);
                failures.Add($"{(version is null ? "default negotiation" : "protocol " + version)}: {described}");

                // A failure that another protocol version did not change (e.g. the process exits at start) will not change.
                if (IsUnreachable(failure) || sameAsBefore)
                {
                    break;
                }
            }
        }

        string stderr = standardError.IsEmpty ? string.Empty : "\nThe server's standard error:\n  " + string.Join("\n  ", standardError.TakeLast(20));
        throw new ServerUnavailableException(
            $"Could not list the tools of '{target.Description}'.\n  " + string.Join("\n  ", failures) + stderr);
    }

    // A handler declares its capability. Listing tools asks the client nothing, so each one declines if a server asks.
#pragma warning disable MCP9005 // sampling and roots: deprecated in MCP 2026-07-28, still what older servers list tools for
    private static McpClientHandlers Declining(IReadOnlySet<string> capabilities) => new()
    {
        ElicitationHandler = capabilities.Contains("elicitation")
            ? static (_, _) => ValueTask.FromResult(new ElicitResult { Action = "decline" })
            : null,
        SamplingHandler = capabilities.Contains("sampling")
            ? static (_, _, _) => throw new McpException("mcpsdk only lists tools; it samples nothing.")
            : null,
        RootsHandler = capabilities.Contains("roots")
            ? static (_, _) => ValueTask.FromResult(new ListRootsResult { Roots = [] })
            : null,
    };
#pragma warning restore MCP9005

    // No protocol version can cure these: the program does not exist, or nothing listens.
    private static bool IsUnreachable(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is Win32Exception
                || cause is HttpRequestException { StatusCode: null, HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
                || cause is HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden })
            {
                return true;
            }
        }

        return false;
    }
}
