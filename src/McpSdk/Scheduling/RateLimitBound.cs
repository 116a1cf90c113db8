using System;

namespace McpSdk.Scheduling;

/// <summary>A rate limit: at most <see cref="Permits"/> call starts per <see cref="Window"/>.</summary>
internal sealed record RateLimitBound(int Permits, TimeSpan Window)
{
    /// <summary>
    /// Whether this bound is stricter than <paramref name="other"/>: a lower rate, or the same rate with a smaller
    /// burst. A total order, so the strictest of the bounds that methods declare for one tool is the same whatever
    /// order their clients are created in.
    /// </summary>
    public bool IsStricterThan(RateLimitBound other)
    {
        // Rates compared exactly, without division: p1 / w1 < p2 / w2 ⇔ p1 × w2 < p2 × w1.
        Int128 mine = (Int128)Permits * other.Window.Ticks;
        Int128 theirs = (Int128)other.Permits * Window.Ticks;
        return mine < theirs || (mine == theirs && Permits < other.Permits);
    }
}
