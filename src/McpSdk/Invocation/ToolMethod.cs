using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace McpSdk.Invocation;

/// <summary>
/// The static description of one generated interface method: which tool it calls and how it is named in
/// messages. Generated proxies hold one per method in a static field, so nothing is computed per call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolMethod
{
    /// <summary>Creates the description.</summary>
    /// <param name="toolName">The tool's wire name.</param>
    /// <param name="memberName">The C# member that calls it, e.g. <c>IEverythingTools.EchoAsync</c>.</param>
    /// <param name="policy">Its concurrency policy, or <see langword="null"/> for <see cref="CallPolicy.Default"/>.</param>
    /// <param name="arguments">The arguments it sends, or <see langword="null"/> for none.</param>
    public ToolMethod(string toolName, string memberName, CallPolicy? policy = null, IReadOnlyList<ToolArgument>? arguments = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentException.ThrowIfNullOrEmpty(memberName);
        ToolName = toolName;
        MemberName = memberName;
        Policy = policy ?? CallPolicy.Default;
        Arguments = arguments ?? [];
    }

    /// <summary>The tool's wire name.</summary>
    public string ToolName { get; }

    /// <summary>The C# member that calls the tool.</summary>
    public string MemberName { get; }

    /// <summary>The method's concurrency policy.</summary>
    public CallPolicy Policy { get; }

    /// <summary>The arguments the method sends, in declaration order.</summary>
    public IReadOnlyList<ToolArgument> Arguments { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{MemberName} -> {ToolName}";
}
