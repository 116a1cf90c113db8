using McpSdk.Sessions;
using ModelContextProtocol.Client;

namespace McpSdk.Tests.Fakes;

/// <summary>Connections over a scripted session: the real scheduler, invoker and proxies, no server.</summary>
internal static class TestConnections
{
    private static readonly McpEndpoint s_unused = McpEndpoint.FromTransport(
        () => throw new System.InvalidOperationException("The scripted connection opens no transport."), "scripted");

    public static McpConnection Create(IMcpSession session, McpConnectionOptions? options = null) =>
        new(s_unused, options ?? new McpConnectionOptions(), session);
}
