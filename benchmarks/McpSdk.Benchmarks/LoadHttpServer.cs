using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace McpSdk.Benchmarks;

/// <summary>
/// An MCP server over Streamable HTTP on a free loopback port, as a child process stopped by PID: server-everything
/// (node, as <c>tests/McpSdk.Tests/Peers/HttpServerEverything.cs</c>; it listens on all interfaces, the benchmark only
/// talks to 127.0.0.1), or the C# fault server (the official SDK's ASP.NET Core server on Kestrel, whose <c>echo</c>
/// costs far less server CPU than server-everything's, so the comparison is bound by the clients, not the server).
/// </summary>
internal sealed class LoadHttpServer : IDisposable
{
    private readonly Process _process;

    private LoadHttpServer(Process process, Uri uri)
    {
        _process = process;
        Uri = uri;
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
        var server = new LoadHttpServer(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/mcp"));
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

    /// <summary>
    /// Starts <c>dotnet FaultServer.dll http</c> (with <c>--https</c>: HTTPS offering HTTP/2), which prints
    /// <c>listening URL</c> and runs until its stdin closes.
    /// </summary>
    public static async Task<LoadHttpServer> StartCSharpAsync(string faultServerDll, bool https)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(faultServerDll);
        start.ArgumentList.Add("http");
        if (https)
        {
            start.ArgumentList.Add("--https");
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The C# server did not print its address; it printed '{line}'.");
        }

        return new LoadHttpServer(process, new Uri(line["listening ".Length..]));
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
