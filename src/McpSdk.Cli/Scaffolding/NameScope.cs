using System;
using System.Collections.Generic;

namespace McpSdk.Cli.Scaffolding;

/// <summary>The names already used in one C# scope; a name asked for twice gets a number (<c>Name2</c>).</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _taken;

    public NameScope(params IEnumerable<string> reserved) => _taken = new HashSet<string>(reserved, StringComparer.Ordinal);

    public bool IsTaken(string name) => _taken.Contains(name);

    /// <summary>Takes <paramref name="name"/> if it is free.</summary>
    public bool TryClaim(string name) => _taken.Add(name);

    /// <summary>Takes <paramref name="candidate"/>, or the first of <c>candidate2</c>, <c>candidate3</c>… that is free.</summary>
    public string Claim(string candidate)
    {
        if (_taken.Add(candidate))
        {
            return candidate;
        }

        for (int suffix = 2; ; suffix++)
        {
            string numbered = candidate + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_taken.Add(numbered))
            {
                return numbered;
            }
        }
    }
}
