namespace CostGuard.Fleet;

/// <summary>
/// Utilization at one time; holds until the instance's next sample. A null value means no datapoint,
/// which the idle rule treats per the policy's <c>missingMetrics</c>.
/// </summary>
public readonly record struct UtilizationSample(DateTimeOffset Time, double? GpuPercent, double? CpuPercent);
