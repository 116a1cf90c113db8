using System.Collections.Generic;

namespace McpSdk.Cli.Checking;

/// <summary>A tool method of an existing <c>[McpClient]</c> interface, as compiled.</summary>
/// <param name="MethodName">The method, as <c>IInterface.MethodAsync</c>.</param>
/// <param name="ToolName">Its <c>[McpTool]</c> name.</param>
/// <param name="ArgumentNames">The wire names of the arguments it sends (<c>[McpArgument]</c> or the parameter name).</param>
internal sealed record DeclaredTool(string MethodName, string ToolName, IReadOnlyList<string> ArgumentNames);
