using System.Threading.Tasks;

namespace McpSdk.Tests.Clients.Deep.Nested;

/// <summary>The other half of <see cref="INestedShapeTools"/>, declared in a second file.</summary>
public static partial class Holder
{
    internal partial interface INestedShapeTools
    {
        [McpTool("echo")]
        ValueTask PlainValueAsync(string message);
    }
}
