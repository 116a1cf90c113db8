using System;
using System.Threading;

namespace McpSdk.Diagnostics;

/// <summary>
/// A lock-free latency histogram: log-linear buckets over microseconds (8 sub-buckets per power of two, so a
/// reported percentile is within 12.5% of the true value). Recording is one <see cref="Interlocked"/> add on a
/// bucket and two on the totals; reading never stops writers.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 3;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = 2 * SubBuckets; // values below this have a bucket each
    private const int MaxExponent = 42;             // 2^42 µs ≈ 51 days
    private const int BucketCount = LinearLimit + ((MaxExponent - SubBucketBits) * SubBuckets);

    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private long _sumMicroseconds;

    public void Record(TimeSpan elapsed)
    {
        long microseconds = Math.Max(0, elapsed.Ticks / (TimeSpan.TicksPerMillisecond / 1000));
        Interlocked.Increment(ref _buckets[IndexOf(microseconds)]);
        Interlocked.Add(ref _sumMicroseconds, microseconds);
        Interlocked.Increment(ref _count);
    }

    /// <summary>Adds this histogram's counts into <paramref name="target"/> (for connection totals).</summary>
    public void AddTo(long[] target, ref long count, ref long sum)
    {
        for (int i = 0; i < _buckets.Length; i++)
        {
            target[i] += Volatile.Read(ref _buckets[i]);
        }

        count += Volatile.Read(ref _count);
        sum += Volatile.Read(ref _sumMicroseconds);
    }

    public McpLatency Snapshot()
    {
        long[] buckets = new long[BucketCount];
        long count = 0, sum = 0;
        AddTo(buckets, ref count, ref sum);
        return Summarise(buckets, count, sum);
    }

    public static long[] CreateBuckets() => new long[BucketCount];

    public static McpLatency Summarise(long[] buckets, long count, long sumMicroseconds)
    {
        if (count == 0)
        {
            return McpLatency.Empty;
        }

        return new McpLatency(
            count,
            TimeSpan.FromMicroseconds((double)sumMicroseconds / count),
            Percentile(buckets, 0.50),
            Percentile(buckets, 0.99),
            Percentile(buckets, 1.0));
    }

    private static TimeSpan Percentile(long[] buckets, double quantile)
    {
        // Counts were read bucket by bucket while writers went on, so total them again here.
        long total = 0;
        foreach (long bucket in buckets)
        {
            total += bucket;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (int i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(UpperBoundOf(i));
            }
        }

        return TimeSpan.FromMicroseconds(UpperBoundOf(buckets.Length - 1));
    }

    internal static int IndexOf(long microseconds)
    {
        if (microseconds < LinearLimit)
        {
            return (int)microseconds;
        }

        int exponent = 63 - (int)ulong.LeadingZeroCount((ulong)microseconds); // >= SubBucketBits + 1
        if (exponent >= MaxExponent)
        {
            return BucketCount - 1;
        }

        int sub = (int)(microseconds >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return LinearLimit + ((exponent - SubBucketBits - 1) * SubBuckets) + sub;
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long UpperBoundOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        int exponent = ((index - LinearLimit) / SubBuckets) + SubBucketBits + 1;
        int sub = (index - LinearLimit) % SubBuckets;
        long lower = (1L << exponent) + ((long)sub << (exponent - SubBucketBits));
        return lower + (1L << (exponent - SubBucketBits)) - 1;
    }
}
