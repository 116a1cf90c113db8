using System;
using System.Linq;
using McpSdk.Soak;

// The soak command: docs/RELIABILITY.md ("Soak") has a run's result and the command that reproduces it.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(SoakOptions.Help);
    return 0;
}

SoakOptions options;
try
{
    options = SoakOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"{e.Message} See --help.");
    return 2;
}

SoakReport report = await new SoakRun(options, Console.Out).RunAsync();
report.Print(Console.Out);
return report.Failures.Count == 0 ? 0 : 1;
