using System;

namespace McpSdk;

/// <summary>Gives the argument name on the wire when it differs from the C# parameter name.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class McpArgumentAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The argument's name in the <c>tools/call</c> request, e.g. <c>"max_results"</c>.</param>
    public McpArgumentAttribute(string name) => Name = name;

    /// <summary>The argument's name on the wire.</summary>
    public string Name { get; }
}
