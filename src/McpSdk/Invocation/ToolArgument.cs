using System;
using System.ComponentModel;

namespace McpSdk.Invocation;

/// <summary>
/// One argument a generated method sends: its wire name and the .NET type it is serialised from. Held by
/// <see cref="ToolMethod.Arguments"/> so that <see cref="McpConnectionOptions.ValidateToolsOnConnect"/> can compare
/// the interface with the server's <c>tools/list</c> without reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolArgument
{
    /// <summary>Creates the description.</summary>
    /// <param name="name">The argument's name on the wire (<see cref="McpArgumentAttribute"/> or the parameter name).</param>
    /// <param name="type">The type the value is serialised from, without <see cref="Nullable{T}"/>.</param>
    public ToolArgument(string name, Type type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
    }

    /// <summary>The argument's name on the wire.</summary>
    public string Name { get; }

    /// <summary>The type the value is serialised from.</summary>
    public Type Type { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type.Name}";
}
