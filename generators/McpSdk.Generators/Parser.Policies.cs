using System;
using System.Collections.Generic;
using System.Globalization;
using McpSdk.Generators.Model;
using Microsoft.CodeAnalysis;

namespace McpSdk.Generators;

/// <summary>The policy attributes: [MaxConcurrency], [Priority], [RateLimit], [Timeout], [Retry], [QueueLimit], [RunAsTask].</summary>
internal sealed partial class Parser
{
    /// <summary>The policy attributes declared on <paramref name="symbol"/> itself; invalid values are reported.</summary>
    private PolicySpec ParsePolicy(ISymbol symbol, Location fallback)
    {
        int? maxConcurrency = null, priority = null, permits = null, rateMode = null, timeout = null, attempts = null, baseDelay = null, queueLimit = null;
        int? taskTimeToLive = null;
        double? perSeconds = null;
        bool fleetConcurrency = false, fleetRate = false, runAsTask = false;
        string owner = symbol is IMethodSymbol method ? method.ContainingType.Name + "." + method.Name : symbol.Name;

        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            INamedTypeSymbol? type = attribute.AttributeClass;
            if (type is not null && Is(type, _known.RunAsTaskAttribute))
            {
                runAsTask = true;
                taskTimeToLive = ParseTaskTimeToLive(attribute, owner, AttributeLocation(attribute, fallback));
                continue;
            }

            if (type is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not { } value)
            {
                continue;
            }

            Location location = AttributeLocation(attribute, fallback);
            if (Is(type, _known.MaxConcurrencyAttribute))
            {
                maxConcurrency = Check((int)value, value => value >= 1, "MaxConcurrency", owner, "must be at least 1", location);
                fleetConcurrency = IsFleetScope(attribute, "MaxConcurrency", owner, location);
            }
            else if (Is(type, _known.PriorityAttribute))
            {
                priority = Check((int)value, value => value is >= 0 and <= 3, "Priority", owner, "must be a defined McpPriority", location);
            }
            else if (Is(type, _known.TimeoutAttribute))
            {
                timeout = Check((int)value, value => value > 0, "Timeout", owner, "must be a positive number of milliseconds", location);
            }
            else if (Is(type, _known.QueueLimitAttribute))
            {
                queueLimit = Check((int)value, value => value >= 0, "QueueLimit", owner, "must not be negative", location);
            }
            else if (Is(type, _known.RateLimitAttribute))
            {
                permits = Check((int)value, value => value >= 1, "RateLimit", owner, "permits must be at least 1", location);
                perSeconds = 1;
                rateMode = 0;
                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                {
                    if (named.Key == "PerSeconds" && named.Value.Value is double seconds)
                    {
                        perSeconds = seconds > 0 && !double.IsInfinity(seconds) ? seconds : null;
                        if (perSeconds is null)
                        {
                            ReportInvalid("RateLimit", owner, seconds.ToString(CultureInfo.InvariantCulture), "PerSeconds must be a positive number", location);
                        }
                    }
                    else if (named.Key == "Mode" && named.Value.Value is int mode)
                    {
                        rateMode = Check(mode, value => value is 0 or 1, "RateLimit", owner, "Mode must be a defined RateLimitMode", location);
                    }
                }

                fleetRate = IsFleetScope(attribute, "RateLimit", owner, location);
            }
            else if (Is(type, _known.RetryAttribute))
            {
                attempts = Check((int)value, value => value >= 1, "Retry", owner, "maxAttempts must be at least 1", location);
                foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
                {
                    if (named.Key == "BaseDelayMilliseconds" && named.Value.Value is int delay)
                    {
                        baseDelay = Check(delay, value => value >= 0, "Retry", owner, "BaseDelayMilliseconds must not be negative", location);
                    }
                }
            }
        }

        if (permits is null || perSeconds is null || rateMode is null)
        {
            (permits, perSeconds, rateMode) = (null, null, null);
        }

        return new PolicySpec(
            maxConcurrency, priority, permits, perSeconds, rateMode, timeout, attempts, attempts is null ? null : baseDelay, queueLimit,
            maxConcurrency is not null && fleetConcurrency, permits is not null && fleetRate, runAsTask, taskTimeToLive);
    }

    /// <summary>The <c>TimeToLiveSeconds</c> of a [RunAsTask], when it sets one; a value that is not positive is reported.</summary>
    private int? ParseTaskTimeToLive(AttributeData attribute, string owner, Location location)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "TimeToLiveSeconds" && named.Value.Value is int seconds)
            {
                return Check(seconds, value => value > 0, "RunAsTask", owner, "TimeToLiveSeconds must be a positive number of seconds", location);
            }
        }

        return null;
    }

    /// <summary>Whether the attribute says <c>Scope = McpLimitScope.Fleet</c>; an undefined scope is reported.</summary>
    private bool IsFleetScope(AttributeData attribute, string name, string owner, Location location)
    {
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "Scope" && named.Value.Value is int scope)
            {
                return Check(scope, value => value is 0 or 1, name, owner, "Scope must be a defined McpLimitScope", location) == 1;
            }
        }

        return false;
    }

    /// <summary>Methods calling one tool share its slots, queue and rate limit; warn where they declare them differently.</summary>
    private void ReportConflictingToolPolicies(List<MethodSpec> methods, List<Location> locations)
    {
        var first = new Dictionary<string, MethodSpec>(StringComparer.Ordinal);
        for (int i = 0; i < methods.Count; i++)
        {
            MethodSpec method = methods[i];
            if (!first.TryGetValue(method.ToolName, out MethodSpec? earlier))
            {
                first[method.ToolName] = method;
                continue;
            }

            PolicySpec a = earlier.Policy, b = method.Policy;
            string? what =
                a.MaxConcurrency != b.MaxConcurrency || a.FleetConcurrency != b.FleetConcurrency ? "[MaxConcurrency]"
                : a.RateLimitPermits != b.RateLimitPermits || a.RateLimitPerSeconds != b.RateLimitPerSeconds || a.FleetRate != b.FleetRate ? "[RateLimit]"
                : a.QueueLimit != b.QueueLimit ? "[QueueLimit]"
                : null;
            if (what is not null)
            {
                Report(DiagnosticDescriptors.ConflictingToolPolicy, locations[i], earlier.DisplayName, method.DisplayName, method.ToolName, what);
            }
        }
    }

    private int? Check(int value, Func<int, bool> valid, string attribute, string owner, string rule, Location location)
    {
        if (valid(value))
        {
            return value;
        }

        ReportInvalid(attribute, owner, value.ToString(CultureInfo.InvariantCulture), rule, location);
        return null;
    }

    private void ReportInvalid(string attribute, string owner, string value, string rule, Location location) =>
        Report(DiagnosticDescriptors.InvalidPolicyValue, location, attribute, owner, value, rule);

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? known) => SymbolEqualityComparer.Default.Equals(type, known);
}
