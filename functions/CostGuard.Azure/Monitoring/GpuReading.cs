namespace CostGuard.Azure.Monitoring;

/// <summary>GPU % per VM and bin from one workspace, with the service's partial-result warning if any.</summary>
internal sealed record GpuReading(MetricSeries Series, string? Warning);
