using System.Collections.Generic;
using System.Globalization;

namespace McpSdk;

/// <summary>The session pool's state: how many sessions live, start and have died, and what each one carries.</summary>
public sealed record McpPoolStats
{
    /// <summary>No session yet.</summary>
    public static McpPoolStats Empty { get; } = new();

    /// <summary>Sessions that take calls now.</summary>
    public int Live { get; init; }

    /// <summary>Sessions being opened (handshake not finished); they take no call yet.</summary>
    public int Starting { get; init; }

    /// <summary>Sessions opened since the connection was.</summary>
    public long Started { get; init; }

    /// <summary>Sessions that ended without being asked to (server exit, stream closed, failed ping).</summary>
    public long Faulted { get; init; }

    /// <summary>Sessions opened to replace one that faulted.</summary>
    public long Replaced { get; init; }

    /// <summary>Idle sessions closed to shrink the pool back toward its minimum.</summary>
    public long Trimmed { get; init; }

    /// <summary>Attempts to open a session that failed.</summary>
    public long StartFailures { get; init; }

    /// <summary>Each live session.</summary>
    public IReadOnlyList<McpSessionStats> Sessions { get; init; } = [];

    /// <summary>The counts as one line, e.g. <c>2 live, 0 starting; 3 started, 1 faulted, 1 replaced, 0 trimmed, 0 failed to start</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Live} live, {Starting} starting; {Started} started, {Faulted} faulted, {Replaced} replaced, {Trimmed} trimmed, {StartFailures} failed to start");
}

/// <summary>One live session.</summary>
/// <param name="Id">The pool's number for it.</param>
/// <param name="SessionId">The server's session id, where the transport has one.</param>
/// <param name="InFlight">Calls it carries now.</param>
/// <param name="Calls">Calls it has carried.</param>
public sealed record McpSessionStats(int Id, string? SessionId, int InFlight, long Calls)
{
    /// <summary>
    /// The protocol version the session speaks: the one negotiated with the server (see "Protocol versions" in the README),
    /// or the pinned <see cref="McpConnectionOptions.ProtocolVersion"/>.
    /// </summary>
    public string? ProtocolVersion { get; init; }
}
