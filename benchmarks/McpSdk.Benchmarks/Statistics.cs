using System;
using System.Collections.Generic;
using System.Linq;

namespace McpSdk.Benchmarks;

/// <summary>The statistics the console benchmarks report: medians over rounds, and an interval for a median.</summary>
internal static class Statistics
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The median of one measure over a list of windows.</summary>
    public static double Median<T>(IEnumerable<T> windows, Func<T, double> measure) => Median(windows.Select(measure));

    /// <summary>
    /// A distribution-free confidence interval for a median, from order statistics: with n rounds, the true median lies
    /// between the k-th smallest and k-th largest value with probability 1 − 2·P(Binomial(n, ½) &lt; k). It assumes only
    /// that rounds are independent, which is why the load harness reports it for the paired ratios: a round's ratio is
    /// skewed by whatever else the machine did, and no normal approximation holds over 6–20 rounds. Returns the bounds
    /// of the narrowest interval covering at least 95 %, or <see langword="null"/> for fewer than 6 values.
    /// </summary>
    public static (double Low, double High, double Coverage)? MedianInterval(IReadOnlyCollection<double> values)
    {
        int n = values.Count;
        if (n < 6)
        {
            return null; // with 5 rounds even [min, max] covers only 94 %
        }

        double[] sorted = [.. values.Order()];

        // The largest k whose interval [x(k), x(n-k+1)] still covers ≥ 95 %.
        int k = 1;
        double tail = BinomialAtMost(n, 0); // P(X < 1)
        while (k + 1 <= n / 2 && 2 * BinomialAtMost(n, k) <= 0.05)
        {
            k++;
            tail = BinomialAtMost(n, k - 1);
        }

        return (sorted[k - 1], sorted[n - k], 1 - (2 * tail));
    }

    // P(X ≤ m) for X ~ Binomial(n, ½).
    private static double BinomialAtMost(int n, int m)
    {
        double sum = 0;
        double term = Math.Pow(0.5, n); // C(n, 0) / 2^n
        for (int i = 0; i <= m; i++)
        {
            sum += term;
            term = term * (n - i) / (i + 1);
        }

        return sum;
    }
}
