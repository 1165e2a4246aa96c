namespace CostGuard.Ports;

/// <summary>
/// One failed read of an account, as distinct from a read that succeeded and found nothing: "CloudWatch is down in
/// us-east-1" is a gap, "CloudWatch answered with no datapoints for i-1" is not (that is missing data, which the idle
/// rule treats as the policy says). What a gap blocks is decided per rule by <see cref="Sweeps.ReadHolds"/>.
/// </summary>
/// <param name="Part">Which part of the read failed.</param>
/// <param name="Problem">What failed, naming the region/call (never a secret).</param>
/// <param name="InstanceIds">The instances the gap affects; empty means every instance of the account.</param>
public sealed record ReadGap(ReadPart Part, string Problem, IReadOnlyList<string> InstanceIds)
{
    /// <summary>A gap that affects every instance of the account.</summary>
    public static ReadGap Whole(ReadPart part, string problem) => new(part, problem, []);

    public bool Affects(string instanceId) => InstanceIds.Count == 0 || InstanceIds.Contains(instanceId, StringComparer.Ordinal);
}
