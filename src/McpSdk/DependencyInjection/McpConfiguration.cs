using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McpSdk.Endpoints;
using Microsoft.Extensions.Configuration;

namespace McpSdk;

/// <summary>
/// Reads a connection from configuration, without reflection (so it trims and publishes as Native AOT):
/// <code>
/// "Mcp": { "Servers": { "everything": {
///     "Stdio": { "Command": "node", "Arguments": [ "server.js", "stdio" ], "Environment": { "KEY": "value" } },
///     "Http": "https://tools.example.com/mcp",           // instead of Stdio
///     "OAuth": { "ClientId": "billing", "ClientSecret": "…", "Scopes": [ "tools" ],   // with Http (README, Authorization)
///                "ClientCredentials": { "AuthMethod": "PrivateKeyJwt", "PrivateKeyPem": "…", "KeyId": "k1" } },
///     "MinSessions": 1, "MaxSessions": 4, "MaxCallsPerSession": 16, "MaxConcurrency": 64, "QueueLimit": 1000,
///     "SessionIdleTimeout": "00:05:00", "ProtocolVersion": "2025-11-25", "ValidateToolsOnConnect": "Throw",
///     "Fleet": { "Redis": "redis:6379", "KeyPrefix": "billing", "SlotLease": "00:00:30", "FailureMode": "FailOpen",
///                "ExpectedReplicas": 4 },                   // fleet-scoped limits (README, Fleet limits)
///     "Tools": { "get-sum": { "MaxConcurrency": 2, "TimeoutMilliseconds": 500, "Priority": "High" },
///                "search": { "RateLimitPermits": 50, "RateLimitScope": "Fleet", "MaxConcurrency": 8, "MaxConcurrencyScope": "Fleet" } } } } }
/// </code>
/// The server may also be defined as editors and desktop clients define it, under <c>servers</c> (a loaded
/// <c>.vscode/mcp.json</c>) or <c>mcpServers</c>: <c>command</c>, <c>args</c>, <c>env</c>, <c>cwd</c> or <c>url</c>,
/// <c>headers</c>, <c>type</c>; an <c>${input:id}</c> placeholder takes the value of <c>Mcp:Inputs:{id}</c>.
/// </summary>
internal static class McpConfiguration
{
    // Where a connection's section may be: McpSdk's own shape first, then the editor's and the desktop clients'.
    private static readonly string[] s_serverSections = ["Mcp:Servers", "servers", "mcpServers"];

    public static IConfigurationSection Section(IConfiguration configuration, string connectionName)
    {
        foreach (string parent in s_serverSections)
        {
            IConfigurationSection section = configuration.GetSection(parent + ":" + connectionName);
            if (section.Exists())
            {
                return section;
            }
        }

        throw new InvalidOperationException(
            $"Configuration has no section 'Mcp:Servers:{connectionName}' (nor 'servers:{connectionName}' as in .vscode/mcp.json, nor " +
            $"'mcpServers:{connectionName}' as in a desktop client's file) for the MCP connection '{connectionName}': add one, or name " +
            "the connection as the server is named there (WithConnectionName).");
    }

    /// <summary>The endpoint the section names, or <see langword="null"/> when it names none.</summary>
    /// <param name="configuration">The whole configuration, where <c>Mcp:Inputs</c> and <c>inputs</c> are.</param>
    /// <param name="section">The connection's section.</param>
    public static McpEndpoint? ReadEndpoint(IConfiguration configuration, IConfigurationSection section)
    {
        var fields = new ConfigurationFields(section);
        if (ServerDefinitionReader.IsDefinition(fields))
        {
            return ServerDefinitionReader.Read(section.Key, fields, Placeholders(configuration)).ToEndpoint();
        }

        IConfigurationSection stdio = section.GetSection("Stdio");
        if (stdio.Exists())
        {
            string command = stdio["Command"] is { Length: > 0 } value ? value : throw Invalid(stdio, "Command", "a program to start is required");
            string[] arguments = stdio.GetSection("Arguments").GetChildren().Select(child => child.Value ?? string.Empty).ToArray();
            var environment = stdio.GetSection("Environment").GetChildren().ToDictionary(child => child.Key, child => child.Value);
            return McpEndpoint.Stdio(command, arguments, environment.Count == 0 ? null : environment, stdio["WorkingDirectory"]);
        }

        if (section["Http"] is { Length: > 0 } url)
        {
            return Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
                ? McpEndpoint.Http(uri, new McpHttpOptions { OAuth = ReadOAuth(section.GetSection("OAuth")) })
                : throw Invalid(section, "Http", "an absolute http or https URI is required");
        }

        return null;
    }

    /// <summary>
    /// OAuth settings of an HTTP endpoint, or <see langword="null"/> without an <c>OAuth</c> section. A
    /// <c>RedirectUri</c> enables the authorization-code flow with a <see cref="LoopbackAuthorizationCallback"/>; the
    /// client-credentials grant is on with a <c>ClientCredentials</c> section, or when a client id comes without a redirect
    /// URI (a service). Keep the secret and the key out of files in source control (user secrets, environment, a vault).
    /// </summary>
    private static McpOAuthOptions? ReadOAuth(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }

        var oauth = new McpOAuthOptions
        {
            ClientId = section["ClientId"],
            ClientSecret = section["ClientSecret"],
            RedirectUri = ReadUri(section, "RedirectUri"),
            ClientMetadataDocumentUri = ReadUri(section, "ClientMetadataDocumentUri"),
        };
        string[] scopes = section.GetSection("Scopes").GetChildren().Select(child => child.Value ?? string.Empty).Where(scope => scope.Length > 0).ToArray();
        oauth.Scopes = scopes.Length == 0 ? null : scopes;
        if (oauth.RedirectUri is not null)
        {
            oauth.AuthorizationCallback = new LoopbackAuthorizationCallback();
        }

        if (section["AllowLegacyMetadataFallback"] is { } legacy)
        {
            oauth.AllowLegacyMetadataFallback = bool.TryParse(legacy, out bool allow) ? allow : throw Invalid(section, "AllowLegacyMetadataFallback", "true or false is required");
        }

        IConfigurationSection credentials = section.GetSection("ClientCredentials");
        if (credentials.Exists() || (oauth.RedirectUri is null && oauth.ClientId is not null))
        {
            oauth.ClientCredentials = new McpClientCredentialsOptions { PrivateKeyPem = credentials["PrivateKeyPem"], KeyId = credentials["KeyId"] };
            if (credentials["AuthMethod"] is { } method)
            {
                oauth.ClientCredentials.AuthMethod = Enum.TryParse(method, ignoreCase: true, out McpTokenEndpointAuthMethod parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw Invalid(credentials, "AuthMethod", "Automatic, ClientSecretBasic, ClientSecretPost or PrivateKeyJwt is required");
            }
        }

        return oauth;
    }

    private static Uri? ReadUri(IConfigurationSection section, string key) => section[key] is not { Length: > 0 } text
        ? null
        : Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : throw Invalid(section, key, "an absolute URI is required");

    public static void ApplyOptions(IConfigurationSection section, McpConnectionOptions options)
    {
        SetInt(section, "MinSessions", value => options.MinSessions = value);
        SetInt(section, "MaxSessions", value => options.MaxSessions = value);
        SetInt(section, "MaxCallsPerSession", value => options.MaxCallsPerSession = value);
        SetInt(section, "MaxConcurrency", value => options.MaxConcurrency = value);
        SetInt(section, "QueueLimit", value => options.QueueLimit = value);
        SetInt(section, "PriorityAgingAdmissions", value => options.PriorityAgingAdmissions = value);
        SetTimeSpan(section, "SessionIdleTimeout", value => options.SessionIdleTimeout = value);
        SetTimeSpan(section, "HealthCheckInterval", value => options.HealthCheckInterval = value);
        if (section["ProtocolVersion"] is { Length: > 0 } version)
        {
            options.ProtocolVersion = version;
        }

        if (section["ValidateToolsOnConnect"] is { Length: > 0 } validation)
        {
            options.ValidateToolsOnConnect = ParseValidation(validation)
                ?? throw Invalid(section, "ValidateToolsOnConnect", "None, Warn or Throw (or true for Throw, false for None) is required");
        }

        IConfigurationSection fleet = section.GetSection("Fleet");
        if (fleet.Exists())
        {
            options.Fleet = ReadFleet(fleet, options.Fleet ?? new McpFleetOptions());
        }

        foreach (IConfigurationSection tool in section.GetSection("Tools").GetChildren())
        {
            var policy = new McpToolPolicy();
            SetInt(tool, "MaxConcurrency", value => policy.MaxConcurrency = value);
            SetInt(tool, "RateLimitPermits", value => policy.RateLimitPermits = value);
            SetInt(tool, "TimeoutMilliseconds", value => policy.TimeoutMilliseconds = value);
            SetInt(tool, "MaxAttempts", value => policy.MaxAttempts = value);
            SetInt(tool, "QueueLimit", value => policy.QueueLimit = value);
            SetInt(tool, "TaskTimeToLiveSeconds", value => policy.TaskTimeToLiveSeconds = value);
            if (tool["RunAsTask"] is { } runAsTask)
            {
                policy.RunAsTask = bool.TryParse(runAsTask, out bool parsed) ? parsed : throw Invalid(tool, "RunAsTask", "true or false is required");
            }
            if (tool["RateLimitPerSeconds"] is { } seconds)
            {
                policy.RateLimitPerSeconds = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
                    ? parsed
                    : throw Invalid(tool, "RateLimitPerSeconds", "a number is required");
            }

            if (tool["Priority"] is { } priority)
            {
                policy.Priority = Enum.TryParse(priority, ignoreCase: true, out McpPriority parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw Invalid(tool, "Priority", "Critical, High, Normal or Low is required");
            }

            if (tool["RateLimitMode"] is { } mode)
            {
                policy.RateLimitMode = Enum.TryParse(mode, ignoreCase: true, out RateLimitMode parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw Invalid(tool, "RateLimitMode", "Wait or Reject is required");
            }

            policy.MaxConcurrencyScope = ReadScope(tool, "MaxConcurrencyScope");
            policy.RateLimitScope = ReadScope(tool, "RateLimitScope");
            options.ToolPolicies[tool.Key] = policy;
        }
    }

    private static McpFleetOptions ReadFleet(IConfigurationSection section, McpFleetOptions fleet)
    {
        if (section["Redis"] is { Length: > 0 } redis)
        {
            fleet.Redis = redis;
        }

        if (section["KeyPrefix"] is { } prefix)
        {
            fleet.KeyPrefix = prefix.Trim().Length > 0 ? prefix : throw Invalid(section, "KeyPrefix", "a non-empty name for the fleet is required");
        }

        SetInt(section, "ExpectedReplicas", value => fleet.ExpectedReplicas = value);
        SetTimeSpan(section, "SlotLease", value => fleet.SlotLease = value);
        SetTimeSpan(section, "PollInterval", value => fleet.PollInterval = value);
        SetTimeSpan(section, "RetryRedisAfter", value => fleet.RetryRedisAfter = value);
        SetTimeSpan(section, "OperationTimeout", value => fleet.OperationTimeout = value);
        if (section["FailureMode"] is { } mode)
        {
            fleet.FailureMode = Enum.TryParse(mode, ignoreCase: true, out McpFleetFailureMode parsed) && Enum.IsDefined(parsed) && !int.TryParse(mode, out _)
                ? parsed
                : throw Invalid(section, "FailureMode", "FailOpen or FailClosed is required");
        }

        return fleet.Redis is not null || fleet.Multiplexer is not null
            ? fleet
            : throw Invalid(section, "Redis", "a Redis connection string (e.g. localhost:6379) is required");
    }

    private static McpLimitScope? ReadScope(IConfigurationSection tool, string key) => tool[key] is not { } text
        ? null
        : Enum.TryParse(text, ignoreCase: true, out McpLimitScope parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _)
            ? parsed
            : throw Invalid(tool, key, "Connection or Fleet is required");

    private static McpToolValidation? ParseValidation(string text) =>
        bool.TryParse(text, out bool on) ? (on ? McpToolValidation.Throw : McpToolValidation.None)
        : Enum.TryParse(text, ignoreCase: true, out McpToolValidation parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _) ? parsed
        : null;

    private static void SetInt(IConfigurationSection section, string key, Action<int> set)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            throw Invalid(section, key, "a whole number is required");
        }

        try
        {
            set(value);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw Invalid(section, key, exception.Message);
        }
    }

    private static void SetTimeSpan(IConfigurationSection section, string key, Action<TimeSpan> set)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value))
        {
            throw Invalid(section, key, "a time span such as 00:05:00 is required");
        }

        try
        {
            set(value);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw Invalid(section, key, exception.Message);
        }
    }

    /// <summary><c>${input:id}</c> from <c>Mcp:Inputs:{id}</c>, described by the <c>inputs</c> a loaded mcp.json declares.</summary>
    private static ServerPlaceholders Placeholders(IConfiguration configuration)
    {
        var descriptions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (IConfigurationSection input in configuration.GetSection("inputs").GetChildren())
        {
            if (input["id"] is { } id)
            {
                descriptions[id] = input["description"];
            }
        }

        return new ServerPlaceholders(
            "configuration",
            id => configuration["Mcp:Inputs:" + id],
            descriptions,
            Environment.CurrentDirectory,
            id => $"set the configuration value 'Mcp:Inputs:{id}' (user secrets, or the environment variable Mcp__Inputs__{id})");
    }

    /// <summary>A server's fields in configuration (keys are case-insensitive there).</summary>
    private sealed class ConfigurationFields(IConfigurationSection section) : ServerDefinitionReader.IFields
    {
        public string? Text(string key) => section[key];

        public IEnumerable<string> List(string key) => section.GetSection(key).GetChildren().Select(child => child.Value ?? string.Empty);

        public IEnumerable<KeyValuePair<string, string?>> Members(string key) =>
            section.GetSection(key).GetChildren().Select(child => KeyValuePair.Create(child.Key, child.Value));
    }

    private static InvalidOperationException Invalid(IConfigurationSection section, string key, string rule) =>
        new($"Configuration value '{section.Path}:{key}' is invalid: {rule}.");
}
