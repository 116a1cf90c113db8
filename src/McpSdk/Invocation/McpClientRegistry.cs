using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace McpSdk.Invocation;

/// <summary>
/// Maps each <see cref="McpClientAttribute"/> interface to its generated proxy and to the proxy's tool methods.
/// Generated code registers here from a module initializer, so <see cref="McpConnection.CreateClient{TClient}"/>
/// needs no reflection, and <c>mcpsdk check</c> reads the tool methods the generator wrote instead of re-deriving them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpClientRegistry
{
    private static readonly ConcurrentDictionary<Type, Func<ToolInvoker, object>> s_factories = new();
    private static readonly ConcurrentDictionary<Type, Func<IReadOnlyList<ToolMethod>>> s_toolMethods = new();

    /// <summary>Registers the proxy factory of <typeparamref name="TClient"/>. Called by generated code.</summary>
    public static void Register<TClient>(Func<ToolInvoker, TClient> factory)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        s_factories[typeof(TClient)] = factory;
    }

    /// <summary>
    /// Registers the proxy factory of <typeparamref name="TClient"/> and its tool methods, each the static
    /// <see cref="ToolMethod"/> a proxy method calls with. Called by generated code.
    /// </summary>
    /// <param name="factory">Creates the proxy over an invoker.</param>
    /// <param name="toolMethods">Returns the proxy's tool methods; called only when they are asked for.</param>
    public static void Register<TClient>(Func<ToolInvoker, TClient> factory, Func<IReadOnlyList<ToolMethod>> toolMethods)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(toolMethods);
        Register(factory);
        s_toolMethods[typeof(TClient)] = toolMethods;
    }

    internal static TClient Create<TClient>(ToolInvoker invoker)
        where TClient : class
    {
        if (!s_factories.TryGetValue(typeof(TClient), out Func<ToolInvoker, object>? factory))
        {
            // A module initializer runs when code of its module first runs; an interface that only was named so far
            // (typeof) may not have triggered it yet.
            RuntimeHelpers.RunModuleConstructor(typeof(TClient).Module.ModuleHandle);
            if (!s_factories.TryGetValue(typeof(TClient), out factory))
            {
                throw new InvalidOperationException(
                    $"No generated MCP proxy exists for '{typeof(TClient).FullName}'. Mark the interface with [McpClient] and give " +
                    "each method an [McpTool(\"name\")]; make sure the project that declares it references the McpSdk package, " +
                    "whose source generator writes the proxy at build time.");
            }
        }

        return (TClient)factory(invoker);
    }

    /// <summary>
    /// The tool methods of <paramref name="client"/>'s generated proxy, running its module's initializers first if
    /// needed; <see langword="null"/> when no proxy registered them.
    /// </summary>
    internal static IReadOnlyList<ToolMethod>? GetToolMethods(Type client)
    {
        if (!s_toolMethods.TryGetValue(client, out Func<IReadOnlyList<ToolMethod>>? toolMethods))
        {
            RuntimeHelpers.RunModuleConstructor(client.Module.ModuleHandle);
            if (!s_toolMethods.TryGetValue(client, out toolMethods))
            {
                return null;
            }
        }

        return toolMethods();
    }
}
