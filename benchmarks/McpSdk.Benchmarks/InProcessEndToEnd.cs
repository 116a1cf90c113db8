using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using static McpSdk.Benchmarks.Statistics;
using McpSdk.Endpoints;
using McpSdk.Invocation;
using McpSdk.Sessions;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSdk.Benchmarks;

/// <summary>
/// <c>echo</c> end to end over the official SDK's own server in this process (in-memory pipes, a server per client),
/// 64 calls in flight, for three clients interleaved A B C / C B A: the raw SDK (<c>McpClient.CallToolAsync</c>, the
/// baseline), our session adapter alone, and the generated proxy through a one-session pool. Server and pipes are the
/// same for all three, so the differences in process CPU and bytes per call are the clients'. Bytes are exact; CPU moves
/// by a few percent between runs (the load harness, with real processes, moves by far more).
/// <c>dotnet run -c Release --project benchmarks/McpSdk.Benchmarks -- e2e [--rounds 10] [--batches 600]</c>
/// (a batch is 64 calls).
/// </summary>
internal static class InProcessEndToEnd
{
    private const int InFlight = 64;
    private const string Message = "hello";

    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = Option(args, "--rounds", 10);
        int batches = Option(args, "--batches", 600);
        McpEndpoint endpoint = McpEndpoint.InProcess(CreateServerOptions, "echo server");

        EndpointTransport transport = endpoint.CreateTransport(NullLoggerFactory.Instance, TimeProvider.System);
        await using McpClient raw = await McpClient.CreateAsync(transport.Transport).ConfigureAwait(false);
        await using SdkSession session = await SdkSession.ConnectAsync(endpoint, new McpConnectionOptions(), NullLoggerFactory.Instance, CancellationToken.None).ConfigureAwait(false);
        await using McpConnection connection = await McpConnection.OpenAsync(endpoint, new McpConnectionOptions { MinSessions = 1, MaxSessions = 1 }).ConfigureAwait(false);
        ILoadEchoTools tools = connection.CreateClient<ILoadEchoTools>();

        (string Name, Func<Task> Call)[] clients =
        [
            ("official C# SDK McpClient.CallToolAsync (baseline)", async () =>
            {
                CallToolResult result = await raw.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = Message }).ConfigureAwait(false);
                _ = ((TextContentBlock)result.Content[0]).Text;
            }),
            ("McpSdk SdkSession alone", async () =>
            {
                using var arguments = new ToolArguments();
                arguments.Add("message", Message, BenchmarkJsonContext.Default.String);
                CallToolResult result = await session.CallToolAsync("echo", arguments, null, CancellationToken.None).ConfigureAwait(false);
                _ = ((TextContentBlock)result.Content[0]).Text;
            }),
            ("McpSdk proxy, one-session pool", () => tools.EchoAsync(Message)),
        ];

        var cpu = clients.Select(_ => new List<double>()).ToArray();
        var bytes = clients.Select(_ => new List<double>()).ToArray();
        var calls = new Task[InFlight];
        using var process = Process.GetCurrentProcess();
        for (int round = -1; round < rounds; round++)
        {
            // Round -1 warms up; then A B C and C B A alternate, so no client always follows the same one.
            int[] order = round % 2 == 0 ? [0, 1, 2] : [2, 1, 0];
            foreach (int i in order)
            {
                process.Refresh();
                TimeSpan cpuBefore = process.TotalProcessorTime;
                long bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                for (int batch = 0; batch < batches; batch++)
                {
                    for (int k = 0; k < InFlight; k++)
                    {
                        calls[k] = clients[i].Call();
                    }

                    await Task.WhenAll(calls).ConfigureAwait(false);
                }

                process.Refresh();
                double count = batches * (double)InFlight;
                if (round >= 0)
                {
                    cpu[i].Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / count);
                    bytes[i].Add((GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / count);
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"### In-process end to end, {InFlight} in flight, {batches * InFlight:N0} calls per window, medians of {rounds} rounds (client + server)"));
        Console.WriteLine();
        Console.WriteLine("| client | process CPU µs/call | vs SDK | B/call | vs SDK |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int i = 0; i < clients.Length; i++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {clients[i].Name} | {Median(cpu[i]):F2} | {Median(cpu[i]) / Median(cpu[0]):F3}× | {Median(bytes[i]):F0} | {Median(bytes[i]) - Median(bytes[0]):+0;-0;0} B |"));
        }

        if (transport.Companion is not null)
        {
            await transport.Companion.DisposeAsync().ConfigureAwait(false);
        }

        return 0;
    }

    private static McpServerOptions CreateServerOptions() => new()
    {
        ServerInfo = new Implementation { Name = "echo-server", Version = "1.0.0" },
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = static (_, _) => ValueTask.FromResult(new ListToolsResult()),
            CallToolHandler = static (context, _) => ValueTask.FromResult(new CallToolResult
            {
                Content = [new TextContentBlock { Text = "Echo: " + context.Params!.Arguments!["message"].GetString() }],
            }),
        },
    };


    private static int Option(string[] args, string name, int fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
