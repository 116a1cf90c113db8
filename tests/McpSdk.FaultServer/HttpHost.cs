using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace McpSdk.FaultServer;

/// <summary>
/// The fault server over Streamable HTTP: the official SDK's own server (<c>MapMcp</c>, stateful sessions) on Kestrel,
/// on a free loopback port, behind <see cref="HttpFaults"/>. It prints one line, <c>listening http://127.0.0.1:PORT/mcp</c>,
/// to stdout, and stops when stdin closes (so it never outlives the test process that started it).
/// </summary>
internal static class HttpHost
{
    public static async Task<int> RunAsync()
    {
        var faults = new Faults(stdout: null);
        var http = new HttpFaults();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // stdout carries the address line only: warnings and errors go to stderr
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services
            .AddMcpServer(options => faults.Configure(options))
            .WithHttpTransport(options => options.SessionMode = HttpServerSessionMode.Stateful);

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
}
