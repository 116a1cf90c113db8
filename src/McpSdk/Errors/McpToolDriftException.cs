using System;
using System.Collections.Generic;
using System.Linq;

namespace McpSdk;

/// <summary>
/// With <see cref="McpConnectionOptions.ValidateToolsOnConnect"/> set to <see cref="McpToolValidation.Throw"/>: the
/// server's <c>tools/list</c> does not match the <see cref="McpClientAttribute"/> interfaces created on the connection.
/// The message lists every drift; <see cref="McpSdkException.ToolName"/> is the first drifted tool.
/// </summary>
public sealed class McpToolDriftException : McpSdkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointName">The server's endpoint, for the message.</param>
    /// <param name="drifts">Every drift found; at least one.</param>
    public McpToolDriftException(string endpointName, IReadOnlyList<McpToolDrift> drifts)
        : base(FirstTool(drifts), Describe(endpointName, drifts))
    {
        EndpointName = endpointName;
        Drifts = drifts;
    }

    /// <summary>The server's endpoint.</summary>
    public string EndpointName { get; }

    /// <summary>Every drift found, in the order of the interface methods.</summary>
    public IReadOnlyList<McpToolDrift> Drifts { get; }

    internal static string Describe(string endpointName, IReadOnlyList<McpToolDrift> drifts) =>
        $"The tools of '{endpointName}' do not match the [McpClient] interface(s) ({drifts.Count} drift problem(s)):" + Environment.NewLine +
        string.Concat(drifts.Select(d => "  - " + d.Description + Environment.NewLine)) +
        "Regenerate the interface with 'mcpsdk scaffold' (or update it by hand to the server's tools/list); 'mcpsdk check' " +
        "lists the same drift without running the application.";

    private static string FirstTool(IReadOnlyList<McpToolDrift> drifts)
    {
        ArgumentNullException.ThrowIfNull(drifts);
        ArgumentOutOfRangeException.ThrowIfZero(drifts.Count);
        return drifts[0].ToolName;
    }
}
