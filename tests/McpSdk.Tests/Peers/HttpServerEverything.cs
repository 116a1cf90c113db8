using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace McpSdk.Tests.Peers;

/// <summary>
/// server-everything over Streamable HTTP on a free loopback port, as a child process stopped by PID. It listens
/// on all interfaces (the server's own choice); tests only ever talk to 127.0.0.1.
/// </summary>
internal sealed class HttpServerEverything : IAsyncDisposable
{
    private Process? _process;

    private HttpServerEverything(int port) => Port = port;

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/mcp");

    public int Pid => _process?.Id ?? 0;

    public static async Task<HttpServerEverything> StartAsync()
    {
        var server = new HttpServerEverything(FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server and starts a new one on the same port: every HTTP session it knew is gone.</summary>
    public async Task RestartAsync()
    {
        Stop();
        await StartProcessAsync();
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task StartProcessAsync()
    {
        string script = Path.Combine(PeerServers.RepositoryRoot, "tests", "peers", "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        PeerServers.ServerEverythingStdio(); // fails clearly when the peer is not installed
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("streamableHttp");
        start.Environment["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"server-everything exited with {_process.ExitCode} before listening on port {Port}.");
                }

                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"server-everything did not listen on port {Port} within 15 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
