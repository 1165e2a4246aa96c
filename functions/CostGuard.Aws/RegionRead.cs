using CostGuard.Aws.Inventory;
using CostGuard.Fleet;
using CostGuard.Ports;

namespace CostGuard.Aws;

/// <summary>
/// What one region of one account yielded; <see cref="Problem"/> set means the region's inventory is incomplete,
/// <see cref="MetricsProblem"/> set means CloudWatch failed for its active instances (inventory is fine).
/// </summary>
internal sealed record RegionRead(
    string Region,
    IReadOnlyList<Ec2Instance> Instances,
    IReadOnlyDictionary<string, IReadOnlyList<UtilizationSample>> Samples,
    IReadOnlyList<InstanceNote> Notes,
    string? Problem,
    string? MetricsProblem = null,
    IReadOnlyList<string>? MetricsFailedFor = null);
