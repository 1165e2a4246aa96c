namespace CostGuard.Aws.CloudWatch;

/// <summary>One MetricStat query of a GetMetricData call.</summary>
internal sealed record MetricQuery(
    string Id,
    string Namespace,
    string MetricName,
    IReadOnlyList<KeyValuePair<string, string>> Dimensions,
    int PeriodSeconds,
    string Stat);
