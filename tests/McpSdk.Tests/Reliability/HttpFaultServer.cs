using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace McpSdk.Tests.Reliability;

/// <summary>
/// The fault server over Streamable HTTP on a free loopback port (it picks the port and prints it), as a child process
/// that stops when its stdin closes and is killed by PID if it does not.
/// </summary>
internal sealed class HttpFaultServer : IAsyncDisposable
{
    // The probe trusts the HTTPS mode's self-signed certificate: it only reads the server's counters.
    private static readonly HttpClient s_probe = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
    }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Process _process;

    private HttpFaultServer(Process process, Uri uri)
    {
        _process = process;
        Uri = uri;
    }

    public Uri Uri { get; }

    /// <param name="https">Serve HTTPS with a self-signed certificate, offering HTTP/2 and HTTP/1.1.</param>
    /// <param name="protocol">How the server opens sessions (the fault server's <c>FAULT_SERVER_PROTOCOL</c>); null for both forms.</param>
    /// <param name="refuseToolsList">Whether the server answers <c>tools/list</c> with "method not found" (<c>FAULT_SERVER_REFUSE_TOOLS_LIST</c>).</param>
    public static async Task<HttpFaultServer> StartAsync(bool https = false, string? protocol = null, bool refuseToolsList = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        if (protocol is not null)
        {
            start.Environment["FAULT_SERVER_PROTOCOL"] = protocol;
        }

        if (refuseToolsList)
        {
            start.Environment["FAULT_SERVER_REFUSE_TOOLS_LIST"] = "1";
        }

        start.ArgumentList.Add(FaultServer.Path);
        start.ArgumentList.Add("http");
        if (https)
        {
            start.ArgumentList.Add("--https");
        }

        Process process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line = await process.StandardOutput.ReadLineAsync(deadline.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"The HTTP fault server did not start: first line '{line}'.");
        }

        return new HttpFaultServer(process, new Uri(line["listening ".Length..]));
    }

    /// <summary>Sessions the server handed out and has not seen closed (by DELETE or by expiring them).</summary>
    public async Task<int> OpenSessionsAsync() =>
        int.Parse(await s_probe.GetStringAsync(new Uri(Uri, "/faults/sessions")), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The witness of the counted tool <paramref name="tool"/> (<c>counted</c> or <c>counted-rate</c>).</summary>
    public async Task<Fleet.CounterSnapshot> CounterAsync(string tool) =>
        System.Text.Json.JsonSerializer.Deserialize<Fleet.CounterSnapshot>(await s_probe.GetStringAsync(new Uri(Uri, "/faults/counted/" + tool)))!;

    /// <summary>Clears the counted tool's witness (its most-at-once restarts from the calls running now).</summary>
    public async Task ResetCounterAsync(string tool) =>
        (await s_probe.PostAsync(new Uri(Uri, $"/faults/counted/{tool}/reset"), content: null)).EnsureSuccessStatusCode();

    /// <summary>Waits up to 10 s for every HTTP session the server handed out to be closed (DELETE) or expired.</summary>
    public async Task AssertSessionsClosedAsync(string what)
    {
        var clock = Stopwatch.StartNew();
        int open;
        while ((open = await OpenSessionsAsync()) > 0)
        {
            Xunit.Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{what}: {open} HTTP session(s) outlived the connection.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// An <see cref="IHttpClientFactory"/> whose client <paramref name="name"/> has McpSdk's HTTP defaults and trusts the
    /// HTTPS mode's self-signed certificate (the server is on loopback; nothing else is reached).
    /// </summary>
    public static IHttpClientFactory TrustingClients(string name, bool preferHttp2 = true)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(name)
            .AddMcpSdkHttpDefaults(preferHttp2: preferHttp2)
            .ConfigurePrimaryHttpMessageHandler(static (handler, _) =>
                ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true);
        return services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
    }

    /// <summary>The HTTP versions of the MCP requests the server received, e.g. <c>HTTP/2=5</c>.</summary>
    public Task<string> ProtocolsAsync() => s_probe.GetStringAsync(new Uri(Uri, "/faults/protocols"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
