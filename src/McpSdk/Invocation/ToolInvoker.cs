using System;
using System.ComponentModel;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Sessions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpSdk.Invocation;

/// <summary>
/// The one entry point generated proxies call: it takes pre-serialised arguments and a result reader, runs the
/// call on the connection's session, and turns every outcome into a value or a typed exception.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ToolInvoker
{
    private readonly McpConnection _connection;

    internal ToolInvoker(McpConnection connection) => _connection = connection;

    /// <summary>Calls the tool described by <paramref name="method"/> and reads its result.</summary>
    /// <typeparam name="TResult">The type the interface method declares.</typeparam>
    /// <param name="method">The static description of the calling method.</param>
    /// <param name="arguments">The serialised arguments; the invoker disposes them.</param>
    /// <param name="reader">Reads the declared type from the result.</param>
    /// <param name="progress">Receives the server's progress notifications, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call; the server is told with <c>notifications/cancelled</c>.</param>
    public async Task<TResult> InvokeAsync<TResult>(
        ToolMethod method,
        ToolArguments arguments,
        ToolResultReader<TResult> reader,
        IProgress<McpProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(reader);

        using (arguments)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IMcpSession session = _connection.GetSession(method);
            CallToolResult result;
            try
            {
                result = await session.CallToolAsync(method.ToolName, arguments, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (IsSessionLoss(exception))
            {
                string reason = _connection.IsDisposed ? "the connection was disposed" : exception.Message;
                throw new McpSessionLostException(method.ToolName, reason, exception);
            }

            return reader.Read(result, method);
        }
    }

    // A cancellation the caller did not ask for means the session under the call went away (the SDK cancels
    // pending requests when its transport closes or the client is disposed).
    private static bool IsSessionLoss(Exception exception) =>
        exception is ClientTransportClosedException or IOException or ObjectDisposedException or OperationCanceledException;
}
