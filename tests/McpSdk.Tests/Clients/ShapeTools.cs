using System.Threading.Tasks;
using McpSdk;

// Interfaces in the places and shapes the generator must handle, run against the in-process server.

/// <summary>An interface in the global namespace.</summary>
[McpClient]
internal interface IGlobalShapeTools
{
    [McpTool("echo")]
    Task<string> EchoAsync(string message);
}

namespace McpSdk.Tests.Clients.Deep.Nested
{
    /// <summary>A base interface: its methods are implemented by the proxy of every client interface that extends it.</summary>
    public interface IBaseShapeTools
    {
        [McpTool("add")]
        ValueTask<string> AddAsync(double a, double b);
    }

    public static partial class Holder
    {
        /// <summary>Nested, internal, partial (the other half is in ShapeToolsOtherHalf.cs), extending a base interface.</summary>
        [McpClient]
        internal partial interface INestedShapeTools : IBaseShapeTools
        {
            [McpTool("arguments")]
            Task<string> KeywordsAsync(string @class, int @event);

            [McpTool("echo")]
            Task PlainAsync(string message);
        }
    }
}
