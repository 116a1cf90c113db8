using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Clients;

/// <summary>
/// Parameters named exactly like the instance fields the generated proxy reads in a method body: the invoker,
/// the method's binding, each argument type's JSON metadata and the result's reader.
/// </summary>
[McpClient]
public interface IShadowingParameterTools
{
    [McpTool("echo")]
    Task<Echoed> EchoAsync(
        string _invoker,
        string _echoAsync,
        string _jsonString,
        int _jsonInt32,
        string _jsonEchoed,
        string _readEchoed,
        CancellationToken cancellationToken = default);
}

/// <summary>The JSON result of <see cref="IShadowingParameterTools.EchoAsync"/>.</summary>
public sealed record Echoed(string Text);
