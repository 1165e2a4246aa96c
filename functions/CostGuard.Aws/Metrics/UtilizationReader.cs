using Amazon.Runtime;
using CostGuard.Aws.CloudWatch;
using CostGuard.Aws.Inventory;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Aws.Metrics;

/// <summary>
/// GPU % (the policy's CloudWatch metric, Maximum: the busiest GPU) and CPU % (AWS/EC2 CPUUtilization,
/// Average) per period over the idle window. A period without a datapoint stays null, so the engine's
/// missing-metrics rule decides, and the report says which instances had no GPU data.
/// </summary>
internal sealed class UtilizationReader(CloudWatchClient cloudWatch)
{
    public async Task<(Dictionary<string, IReadOnlyList<UtilizationSample>> Samples, List<InstanceNote> Notes)> ReadAsync(
        string region, ImmutableCredentials credentials, IReadOnlyList<Ec2Instance> instances, Policy policy, UtilizationWindow window,
        CancellationToken cancellationToken)
    {
        var gpuMetric = policy.Gpu.AwsCloudWatchMetric;
        var queries = new List<MetricQuery>(instances.Count * 2);
        for (var i = 0; i < instances.Count; i++)
        {
            var id = instances[i].Id;
            var gpuDimensions = new List<KeyValuePair<string, string>> { new("InstanceId", id) };
            gpuDimensions.AddRange(gpuMetric.Dimensions ?? new Dictionary<string, string>());
            queries.Add(new MetricQuery($"g{i}", gpuMetric.Namespace, gpuMetric.Name, gpuDimensions, window.PeriodSeconds, "Maximum"));
            queries.Add(new MetricQuery($"c{i}", "AWS/EC2", "CPUUtilization", [new("InstanceId", id)], window.PeriodSeconds, "Average"));
        }

        var data = await cloudWatch.GetMetricDataAsync(region, credentials, queries, window.Start, window.End, cancellationToken).ConfigureAwait(false);
        var samples = new Dictionary<string, IReadOnlyList<UtilizationSample>>(StringComparer.Ordinal);
        var notes = new List<InstanceNote>();
        var periods = window.Periods().ToList();
        for (var i = 0; i < instances.Count; i++)
        {
            var gpu = ToMap(data[$"g{i}"]);
            var cpu = ToMap(data[$"c{i}"]);
            samples[instances[i].Id] = periods
                .Select(t => new UtilizationSample(t, Lookup(gpu, t), Lookup(cpu, t)))
                .ToList();
            var missing = periods.Count(t => !gpu.ContainsKey(t.ToUnixTimeSeconds()));
            if (missing > 0)
            {
                var treatment = policy.Idle?.MissingMetrics == MissingMetricsTreatment.Active ? "counted as active" : "counted as idle (fail closed)";
                notes.Add(new InstanceNote(instances[i].Id, missing == periods.Count
                    ? $"missing metrics: no {gpuMetric.Namespace}/{gpuMetric.Name} datapoints over the idle window; {treatment}"
                    : $"missing metrics: {missing} of {periods.Count} periods have no {gpuMetric.Namespace}/{gpuMetric.Name} datapoint; {treatment}"));
            }
        }

        return (samples, notes);
    }

    private static Dictionary<long, double> ToMap(List<(long Epoch, double Value)> points)
    {
        var map = new Dictionary<long, double>();
        foreach (var (epoch, value) in points)
        {
            // Pages can repeat a timestamp; the busiest reading wins.
            map[epoch] = map.TryGetValue(epoch, out var existing) ? Math.Max(existing, value) : value;
        }

        return map;
    }

    private static double? Lookup(Dictionary<long, double> map, DateTimeOffset t) =>
        map.TryGetValue(t.ToUnixTimeSeconds(), out var v) ? v : null;
}
