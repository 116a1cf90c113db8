using System.Collections.Generic;
using System.Text.RegularExpressions;
using McpSdk.Cli.Registry.Model;

namespace McpSdk.Cli.Registry;

/// <summary>
/// The value a <see cref="RegistryInput"/> resolves to without asking anyone: its <c>value</c> with <c>{placeholders}</c>
/// replaced from its variables (each by its own value or default), else its <c>default</c>.
/// </summary>
internal static partial class InputValue
{
    /// <summary>The value, or null when the entry leaves it to the user; <paramref name="unresolved"/> gets the required variables nobody set.</summary>
    public static string? Resolve(RegistryInput input, List<string> unresolved)
    {
        if (input.Value is not { } template)
        {
            return input.Default;
        }

        IReadOnlyDictionary<string, RegistryInput>? known = input.Variables;
        return Placeholder().Replace(template, match =>
        {
            string name = match.Groups[1].Value;
            if (known is not null && known.TryGetValue(name, out RegistryInput? variable))
            {
                if ((variable.Value ?? variable.Default) is { } value)
                {
                    return value;
                }

                if (variable.IsRequired)
                {
                    unresolved.Add(name);
                }
            }

            // The schema says an unknown {name} stays as written.
            return match.Value;
        });
    }

    [GeneratedRegex(@"\{([a-zA-Z_][a-zA-Z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
