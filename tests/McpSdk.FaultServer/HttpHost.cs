using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace McpSdk.FaultServer;

/// <summary>
/// The fault server over Streamable HTTP: the official SDK's own server (<c>MapMcp</c>, stateful sessions) on Kestrel,
/// on a free loopback port, behind <see cref="HttpFaults"/>. It prints one line, <c>listening http://127.0.0.1:PORT/mcp</c>,
/// to stdout, and stops when stdin closes (so it never outlives the test process that started it). With
/// <c>--https</c> it serves HTTPS with a self-signed certificate made at start, offering HTTP/2 and HTTP/1.1 (ALPN).
/// </summary>
internal static class HttpHost
{
    public static async Task<int> RunAsync(bool https)
    {
        var faults = new Faults(stdout: null);
        var http = new HttpFaults();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // stdout carries the address line only: warnings and errors go to stderr
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (https)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(SelfSignedCertificate());
            }
        }));
        builder.Services
            .AddMcpServer(options => faults.Configure(options))
            // A server pinned to the stateless 2026-07-28 form (Faults.ProtocolVariable) serves it without sessions.
            .WithHttpTransport(options => options.SessionMode = Faults.Protocol() == "2026-07-28"
                ? HttpServerSessionMode.Stateless
                : HttpServerSessionMode.Stateful);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<ModelContextProtocol.Server.McpServerOptions>()
            .Configure<Microsoft.AspNetCore.Http.IHttpContextAccessor>(ParamHeaderTool.Register);

        await using WebApplication app = builder.Build();
        app.Use(http.InvokeAsync);
        app.MapMcp("/mcp");
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.Out.WriteLine($"listening {address}/mcp");
        Console.Out.Flush();
        Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} listening on {address}/mcp");

        await Task.Run(() => Console.OpenStandardInput().CopyTo(Stream.Null));
        Console.Error.WriteLine($"fault-server: pid {Environment.ProcessId} stdin closed, stopping");
        await app.StopAsync();
        return 0;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));

        // Kestrel needs the private key in a form it can use on every platform: a round trip through PKCS#12 gives that.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
