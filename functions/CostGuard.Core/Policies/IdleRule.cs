namespace CostGuard.Policies;

/// <summary>Stops running GPU instances idle over a whole trailing window; fails closed on missing metrics by default.</summary>
public sealed record IdleRule
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>GPU % (max over the instance's GPUs) strictly below which a sample is idle.</summary>
    public double GpuUtilBelow { get; init; } = 5;

    /// <summary>When set, a sample is idle only if CPU % is also strictly below this.</summary>
    public double? CpuUtilBelow { get; init; }

    public MissingMetricsTreatment MissingMetrics { get; init; } = MissingMetricsTreatment.Idle;
}
