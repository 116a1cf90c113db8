using System.Collections.Generic;
using McpSdk.Cli.Servers;
using McpSdk.Invocation;

namespace McpSdk.Cli.Checking;

/// <summary>
/// What <c>check</c> tells about task tools besides drift: a method that calls a tool the server runs only as a task
/// (<c>execution.taskSupport: "required"</c>) with neither <c>[RunAsTask]</c> nor an <c>McpTask&lt;T&gt;</c> return is not
/// drift, since the proxy learns the requirement and runs the call as a task anyway; but the task gets the default time to
/// live and can only be awaited to its end, which the author may not know.
/// </summary>
internal static class TaskToolNotes
{
    /// <summary>One line per such method, in declaration order.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<ToolMethod> declared, IReadOnlyDictionary<string, ToolTaskSupport> taskSupport)
    {
        foreach (ToolMethod method in declared)
        {
            // A handle method's policy says RunAsTask too (the generator sets it), so one test covers both shapes.
            if (!method.Policy.RunAsTask && taskSupport.TryGetValue(method.ToolName, out ToolTaskSupport support) && support == ToolTaskSupport.Required)
            {
                yield return $"task tool: {method.MemberName} calls '{method.ToolName}', which the server runs only as an MCP task " +
                    "(execution.taskSupport 'required'); the proxy runs it as one and awaits the result. Add [RunAsTask(TimeToLiveSeconds = …)] " +
                    "to choose how long the server keeps it (one hour by default), or return Task<McpTask<T>> to start it now and collect it later.";
            }
        }
    }
}
