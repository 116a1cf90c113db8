using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.Endpoints;

/// <summary>An official-SDK server per session, joined to the client by two in-memory pipes.</summary>
internal sealed class InProcessEndpoint(Func<McpServerOptions> serverOptions, string name) : McpEndpoint
{
    public override string Name => name;

    internal override EndpointTransport CreateTransport(ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var server = new ServerHost(
            McpServer.Create(
                new StreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), name, loggerFactory),
                serverOptions(),
                loggerFactory),
            clientToServer,
            serverToClient);
        var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream(), loggerFactory);
        return new EndpointTransport(transport, server);
    }

    /// <summary>Runs the server for the life of one session and stops it with the session.</summary>
    private sealed class ServerHost : IAsyncDisposable
    {
        private readonly McpServer _server;
        private readonly Pipe _clientToServer;
        private readonly Pipe _serverToClient;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public ServerHost(McpServer server, Pipe clientToServer, Pipe serverToClient)
        {
            _server = server;
            _clientToServer = clientToServer;
            _serverToClient = serverToClient;
            _run = server.RunAsync(_stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is what we asked for.
            }

            await _server.DisposeAsync().ConfigureAwait(false);
            await _clientToServer.Reader.CompleteAsync().ConfigureAwait(false);
            await _serverToClient.Writer.CompleteAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }
}
