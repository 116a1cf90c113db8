using System;

namespace McpSdk;

/// <summary>Names the MCP tool (the <c>tools/call</c> name) that an <see cref="McpClientAttribute"/> interface method calls.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class McpToolAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The tool's name on the wire, e.g. <c>"get-sum"</c>.</param>
    public McpToolAttribute(string name) => Name = name;

    /// <summary>The tool's name on the wire.</summary>
    public string Name { get; }
}
