using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace McpSdk.Invocation;

/// <summary>
/// Maps each <see cref="McpClientAttribute"/> interface to its generated proxy. Generated code registers here
/// from a module initializer, so <see cref="McpConnection.CreateClient{TClient}"/> needs no reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class McpClientRegistry
{
    private static readonly ConcurrentDictionary<Type, Func<ToolInvoker, object>> s_factories = new();

    /// <summary>Registers the proxy factory of <typeparamref name="TClient"/>. Called by generated code.</summary>
    public static void Register<TClient>(Func<ToolInvoker, TClient> factory)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        s_factories[typeof(TClient)] = factory;
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
}
