namespace CostGuard.Engine.Rules;

/// <summary>Median and median absolute deviation: outlier detection that a single bad day cannot skew.</summary>
internal static class RobustStatistics
{
    /// <summary>Scale that makes the MAD estimate the standard deviation of normally distributed data.</summary>
    public const decimal NormalConsistency = 1.4826m;

    /// <summary>The MAD is floored at this fraction of the median, so a flat baseline does not make every wiggle an outlier.</summary>
    public const decimal MadFloorFraction = 0.05m;

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    /// <summary>Robust z-score of <paramref name="value"/> against <paramref name="baseline"/>.</summary>
    public static (double Z, decimal Median) Score(decimal value, IReadOnlyList<decimal> baseline)
    {
        var median = Median(baseline);
        var mad = Median(baseline.Select(v => Math.Abs(v - median)).ToArray());
        mad = Math.Max(mad, MadFloorFraction * Math.Abs(median));
        var spread = NormalConsistency * mad;
        if (spread == 0m)
        {
            // A baseline of all-zero days: any spend at all is infinitely unusual, none is not.
            return (value > median ? double.PositiveInfinity : 0d, median);
        }

        return ((double)((value - median) / spread), median);
    }
}
