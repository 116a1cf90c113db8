using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace McpSdk.Benchmarks;

/// <summary>
/// server-everything over Streamable HTTP on a free loopback port, as a child process stopped by PID (as
/// <c>tests/McpSdk.Tests/Peers/HttpServerEverything.cs</c>). It listens on all interfaces (the server's own choice);
/// the benchmark only ever talks to 127.0.0.1.
/// </summary>
internal sealed class LoadHttpServer : IDisposable
{
    private readonly Process _process;

    private LoadHttpServer(Process process, int port)
    {
        _process = process;
        Uri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/mcp");
    }

    public Uri Uri { get; }

    public int Pid => _process.Id;

    public static async Task<LoadHttpServer> StartAsync(string script)
    {
        int port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("streamableHttp");
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new LoadHttpServer(process, port);
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return server;
            }
            catch (SocketException)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"server-everything exited with {process.ExitCode} before listening on port {port}.");
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        server.Dispose();
        throw new TimeoutException($"server-everything did not listen on port {port} within 15 s.");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
