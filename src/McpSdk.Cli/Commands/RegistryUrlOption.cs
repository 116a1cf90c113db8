using System;
using System.CommandLine;
using McpSdk.Cli.Registry;

namespace McpSdk.Cli.Commands;

/// <summary><c>--registry-url</c>: which MCP registry to read; the environment variable <c>MCPSDK_REGISTRY_URL</c> sets its default.</summary>
internal static class RegistryUrlOption
{
    public const string EnvironmentVariable = "MCPSDK_REGISTRY_URL";

    public static Option<string> Create()
    {
        var option = new Option<string>("--registry-url")
        {
            Description = $"The MCP registry's base URL, without /v0 (default: ${EnvironmentVariable}, else {RegistryClient.DefaultBaseUrl}).",
            HelpName = "url",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } url
                ? url
                : RegistryClient.DefaultBaseUrl.ToString(),
        };
        option.Validators.Add(result =>
        {
            if (!TryRead(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--registry-url needs an absolute http or https URL; got '{result.GetValueOrDefault<string>()}'.");
            }
        });
        return option;
    }

    /// <summary>The base URL as Refit joins <c>/v0/…</c> to it: a private registry's path prefix kept, without its trailing slash.</summary>
    public static bool TryRead(string? text, out Uri url)
    {
        if (Uri.TryCreate(text?.TrimEnd('/'), UriKind.Absolute, out Uri? parsed) && parsed.Scheme is "http" or "https")
        {
            url = parsed;
            return true;
        }

        url = RegistryClient.DefaultBaseUrl;
        return false;
    }
}
