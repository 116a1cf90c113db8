using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using McpSdk.Invocation;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace McpSdk.Validation;

/// <summary>
/// A connection's <see cref="McpConnectionOptions.ValidateToolsOnConnect"/>: collects the tool methods the proxies
/// bind, takes the server's <c>tools/list</c> from the first session's handshake, and compares each method once —
/// those bound before the connection opened when it opens, those bound later when their client is created.
/// </summary>
internal sealed partial class ToolValidator
{
    private readonly McpToolValidation _mode;
    private readonly string _endpointName;
    private readonly ILogger _logger;

    // Keyed by reference: a proxy's methods are static, so creating a client again declares nothing new.
    private readonly ConcurrentDictionary<ToolMethod, byte> _declared = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentQueue<ToolMethod> _unchecked = new();
    private IReadOnlyList<Tool>? _served;
    private McpToolDriftException? _failure;

    public ToolValidator(McpToolValidation mode, string endpointName, ILogger logger)
    {
        _mode = mode;
        _endpointName = endpointName;
        _logger = logger;
    }

    /// <summary>Whether a session should still list the server's tools.</summary>
    public bool NeedsServerTools => Volatile.Read(ref _served) is null;

    /// <summary>A proxy bound <paramref name="method"/> to the connection.</summary>
    public void Declare(ToolMethod method)
    {
        if (_declared.TryAdd(method, 0))
        {
            _unchecked.Enqueue(method);
        }
    }

    /// <summary>
    /// Once the connection failed validation in <see cref="McpToolValidation.Throw"/> mode it opens no session: the
    /// declared interface cannot change at run time.
    /// </summary>
    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new McpToolDriftException(failure.EndpointName, failure.Drifts);
        }
    }

    /// <summary>A session's handshake completed and it listed <paramref name="served"/>: checks what was declared so far.</summary>
    /// <exception cref="McpToolDriftException">Drift, in <see cref="McpToolValidation.Throw"/> mode.</exception>
    public void OnConnected(IReadOnlyList<Tool> served)
    {
        Interlocked.CompareExchange(ref _served, served, null);
        McpToolDriftException? drift = CheckUnchecked();
        if (drift is not null)
        {
            Interlocked.CompareExchange(ref _failure, drift, null);
            throw drift;
        }
    }

    /// <summary>A client was created: checks its methods if the server's tools are known already.</summary>
    /// <exception cref="McpToolDriftException">Drift, in <see cref="McpToolValidation.Throw"/> mode.</exception>
    public void OnClientCreated()
    {
        if (CheckUnchecked() is { } drift)
        {
            throw drift;
        }
    }

    private McpToolDriftException? CheckUnchecked()
    {
        if (Volatile.Read(ref _served) is not { } served || _unchecked.IsEmpty)
        {
            return null;
        }

        var methods = new List<ToolMethod>();
        while (_unchecked.TryDequeue(out ToolMethod? method))
        {
            methods.Add(method);
        }

        IReadOnlyList<McpToolDrift> drift = ToolDriftComparer.Compare(methods, served).Drift;
        if (drift.Count == 0)
        {
            Log.ToolsMatch(_logger, _endpointName, methods.Count);
            return null;
        }

        if (_mode == McpToolValidation.Warn)
        {
            foreach (McpToolDrift item in drift)
            {
                Log.ToolDrift(_logger, _endpointName, item.ToolName, item.Description);
            }

            return null;
        }

        return new McpToolDriftException(_endpointName, drift);
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Debug, "The tools of {Endpoint} match the {Count} declared tool method(s).")]
        public static partial void ToolsMatch(ILogger logger, string endpoint, int count);

        [LoggerMessage(61, LogLevel.Warning, "Tool drift on {Endpoint}, tool '{Tool}': {Drift}. Regenerate the interface with 'mcpsdk scaffold' or update it to the server's tools/list.")]
        public static partial void ToolDrift(ILogger logger, string endpoint, string tool, string drift);
    }
}
