using System;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Invocation;
using McpSdk.Sessions;
using McpSdk.Tests.Reliability;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace McpSdk.Tests.Sessions;

/// <summary>A session that ends on its own says how, for the lost-session message.</summary>
public sealed class SessionEndTests
{
    [Fact]
    public async Task A_session_whose_server_process_exits_describes_its_end_with_the_exit_code()
    {
        await using SdkSession session = await SdkSession.ConnectAsync(
            FaultServer.Endpoint("session-end"), new McpConnectionOptions(), NullLoggerFactory.Instance, CancellationToken.None);
        Assert.Null(session.DescribeEnd()); // running

        using var arguments = new ToolArguments();
        await Assert.ThrowsAnyAsync<Exception>(async () => await session.CallToolAsync("crash-now", arguments, progress: null, CancellationToken.None));
        await session.Completion.ContinueWith(static _ => { }, TaskScheduler.Default);

        Assert.StartsWith("the server process exited with code 86", session.DescribeEnd(), StringComparison.Ordinal);
    }
}
