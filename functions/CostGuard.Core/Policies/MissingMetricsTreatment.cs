namespace CostGuard.Policies;

/// <summary>How a missing utilization sample counts for the idle rule.</summary>
public enum MissingMetricsTreatment
{
    /// <summary>Fail closed: no data counts as idle.</summary>
    Idle,

    /// <summary>No data counts as active (never stopped for lack of metrics).</summary>
    Active,
}
