using System;
using McpSdk.Cli.Commands;

return await CliApplication.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
