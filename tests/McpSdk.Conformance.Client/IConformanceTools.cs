using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Conformance.Client;

/// <summary>The tools the conformance suite's test servers offer, typed like any other McpSdk client.</summary>
[McpClient]
[Timeout(90_000)] // inside the 110 s scripts/conformance.sh gives the client process (the suite runs all scenarios at once)
public interface IConformanceTools
{
    /// <summary><c>tools_call</c>: answers "The sum of {a} and {b} is {a + b}".</summary>
    [McpTool("add_numbers")]
    Task<string> AddNumbersAsync(double a, double b, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>elicitation-sep1034-client-defaults</c>: the server asks the client (elicitation) for a form whose fields all
    /// have defaults and checks that the accepted answer carries them.
    /// </summary>
    [McpTool("test_client_elicitation_defaults")]
    Task<string> TestClientElicitationDefaultsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>sse-retry</c>: the server closes the call's event stream before answering; the client must reconnect with GET
    /// and <c>Last-Event-ID</c> after the server's <c>retry</c> hint, and receive the result there.
    /// </summary>
    [McpTool("test_reconnection")]
    Task<string> TestReconnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The protected servers of the <c>auth/*</c> scenarios: answers "test". In <c>auth/scope-step-up</c> a call needs more
    /// scopes than listing tools did, so the server answers 403 <c>insufficient_scope</c> and the client must authorize again.
    /// </summary>
    [McpTool("test-tool")]
    Task<string> TestToolAsync(CancellationToken cancellationToken = default);
}
