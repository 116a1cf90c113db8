using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace McpSdk.Tests.Endpoints;

/// <summary>A connection that cannot be opened fails with one type that names the endpoint and says what happened.</summary>
public sealed class OpenFailureTests
{
    [Fact]
    public async Task A_missing_executable_fails_typed_and_names_the_endpoint()
    {
        McpEndpoint endpoint = McpEndpoint.Stdio("/nonexistent/mcpsdk-no-such-server");

        var failure = await Assert.ThrowsAsync<McpConnectionFailedException>(() => McpConnection.OpenAsync(endpoint));

        Assert.Equal(endpoint.Name, failure.EndpointName);
        Assert.Contains("stdio:/nonexistent/mcpsdk-no-such-server", failure.Message, StringComparison.Ordinal);
        Assert.Contains("could not be started", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.ExitCode);
    }

    [Fact]
    public async Task A_server_that_exits_at_start_fails_typed_with_its_exit_code_and_standard_error()
    {
        McpEndpoint endpoint = McpEndpoint.Stdio("sh", "-c", "echo boom >&2; exit 3");

        var failure = await Assert.ThrowsAsync<McpConnectionFailedException>(() => McpConnection.OpenAsync(endpoint));

        Assert.Equal("stdio:sh", failure.EndpointName);
        Assert.Equal(["boom"], failure.StandardErrorTail);
        Assert.Contains("stdio:sh", failure.Message, StringComparison.Ordinal);
        Assert.Contains("boom", failure.Message, StringComparison.Ordinal);

        // The exit code comes from the SDK's completion details, which carry it only when the process had been reaped
        // by the time its output closed: usually, not always (one CI run in five saw null). When known, it is right.
        if (failure.ExitCode is { } code)
        {
            Assert.Equal(3, code);
            Assert.Contains("exited with code 3", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_HTTP_endpoint_on_a_closed_port_fails_typed_and_names_the_endpoint()
    {
        var uri = new Uri($"http://127.0.0.1:{ClosedPort()}/mcp");
        McpEndpoint endpoint = McpEndpoint.Http(uri);

        var failure = await Assert.ThrowsAsync<McpConnectionFailedException>(() => McpConnection.OpenAsync(endpoint));

        Assert.Equal(uri.AbsoluteUri, failure.EndpointName);
        Assert.Contains(uri.AbsoluteUri, failure.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.HttpStatusCode);
    }

    // A port that was free a moment ago and that nothing listens on now.
    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
