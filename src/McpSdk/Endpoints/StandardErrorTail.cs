using System;
using System.Collections.Generic;
using System.Threading;

namespace McpSdk.Endpoints;

/// <summary>
/// The last lines a stdio server wrote to its standard error (at most <see cref="MaxLines"/> lines and about
/// <see cref="MaxChars"/> characters), kept so that a failure to open or a lost session can say what the server said.
/// </summary>
internal sealed class StandardErrorTail
{
    public const int MaxLines = 20;
    public const int MaxChars = 4096;

    private readonly Queue<string> _lines = new(MaxLines);

    // Called once per line on the process's stderr reader, never on a call's path; the lock only orders it with Snapshot.
    private readonly Lock _gate = new();
    private int _chars;

    public void Add(string line)
    {
        if (line.Length > MaxChars)
        {
            line = line[^MaxChars..];
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            _chars += line.Length;
            while (_lines.Count > MaxLines || _chars > MaxChars)
            {
                _chars -= _lines.Dequeue().Length;
            }
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? [] : _lines.ToArray();
        }
    }
}
